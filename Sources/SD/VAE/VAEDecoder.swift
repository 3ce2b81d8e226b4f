/// The `AutoencoderKL` decoder: SD latents (scaled) to RGB in [-1, 1].
public struct VAEDecoder: Sendable {
    public let config: VAEConfig
    let postQuant: Conv2D?
    let convIn: Conv2D
    let mid: VAEMidBlock
    let up: [(resnets: [ResnetBlock], upsampler: Conv2D?)]
    let normOut: GroupNorm
    let convOut: Conv2D

    public init(_ w: WeightScope, config c: VAEConfig) throws {
        config = c
        postQuant = c.usesQuantConv ? try Conv2D(w["post_quant_conv"], inChannels: c.latentChannels, outChannels: c.latentChannels, kernel: 1) : nil
        let d = w["decoder"]
        let reversed = Array(c.blockOutChannels.reversed())
        convIn = try Conv2D(d["conv_in"], inChannels: c.latentChannels, outChannels: reversed[0], kernel: 3)
        mid = try VAEMidBlock(d["mid_block"], channels: reversed[0], groups: c.groups)
        var up: [(resnets: [ResnetBlock], upsampler: Conv2D?)] = []
        var output = reversed[0]
        for i in reversed.indices {
            let previous = output
            output = reversed[i]
            let scope = d["up_blocks"][i]
            let resnets = try (0...c.layersPerBlock).map {
                try ResnetBlock(scope["resnets"][$0], inChannels: $0 == 0 ? previous : output, outChannels: output,
                                timeChannels: nil, groups: c.groups, epsilon: 1e-6)
            }
            let upsampler = i == reversed.count - 1 ? nil
                : try Conv2D(scope["upsamplers.0.conv"], inChannels: output, outChannels: output, kernel: 3)
            up.append((resnets, upsampler))
        }
        self.up = up
        normOut = try GroupNorm(d["conv_norm_out"], groups: c.groups, channels: c.blockOutChannels[0], epsilon: 1e-6)
        convOut = try Conv2D(d["conv_out"], inChannels: c.blockOutChannels[0], outChannels: c.imageChannels, kernel: 3)
    }

    /// RGB [N, 3, H·f, W·f] in about [-1, 1] from raw decoder input (latents already divided by the scaling factor).
    public func decode(unscaled z: Tensor) -> Tensor {
        var h = convIn(postQuant.map { $0(z) } ?? z)
        h = mid(h)
        for block in up {
            for resnet in block.resnets { h = resnet(h) }
            if let upsampler = block.upsampler { h = upsampler(Upsample.nearest2x(h)) }
        }
        return convOut(normOut(h, silu: true))
    }

    /// RGB from the latents the UNet works on.
    public func decode(latents: Tensor) -> Tensor {
        var z = latents
        let inverse = 1 / config.scalingFactor
        for i in z.data.indices { z.data[i] *= inverse }
        return decode(unscaled: z)
    }
}
