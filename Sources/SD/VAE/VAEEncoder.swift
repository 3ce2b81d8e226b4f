/// The `AutoencoderKL` encoder: RGB in [-1, 1] to the mean of the latent distribution (for img2img).
public struct VAEEncoder: Sendable {
    public let config: VAEConfig
    let convIn: Conv2D
    let down: [(resnets: [ResnetBlock], downsampler: Conv2D?)]
    let mid: VAEMidBlock
    let normOut: GroupNorm
    let convOut: Conv2D
    let quant: Conv2D?

    public init(_ w: WeightScope, config c: VAEConfig) throws {
        config = c
        let e = w["encoder"], channels = c.blockOutChannels
        convIn = try Conv2D(e["conv_in"], inChannels: c.imageChannels, outChannels: channels[0], kernel: 3)
        var down: [(resnets: [ResnetBlock], downsampler: Conv2D?)] = []
        var output = channels[0]
        for i in channels.indices {
            let input = output
            output = channels[i]
            let scope = e["down_blocks"][i]
            let resnets = try (0..<c.layersPerBlock).map {
                try ResnetBlock(scope["resnets"][$0], inChannels: $0 == 0 ? input : output, outChannels: output,
                                timeChannels: nil, groups: c.groups, epsilon: 1e-6)
            }
            // diffusers pads (0, 1, 0, 1) and convolves with padding 0 here, unlike the UNet's downsamplers.
            let downsampler = i == channels.count - 1 ? nil
                : try Conv2D(scope["downsamplers.0.conv"], inChannels: output, outChannels: output, kernel: 3, stride: 2, padding: 0)
            down.append((resnets, downsampler))
        }
        self.down = down
        mid = try VAEMidBlock(e["mid_block"], channels: channels.last!, groups: c.groups)
        normOut = try GroupNorm(e["conv_norm_out"], groups: c.groups, channels: channels.last!, epsilon: 1e-6)
        convOut = try Conv2D(e["conv_out"], inChannels: channels.last!, outChannels: 2 * c.latentChannels, kernel: 3)
        quant = c.usesQuantConv ? try Conv2D(w["quant_conv"], inChannels: 2 * c.latentChannels, outChannels: 2 * c.latentChannels, kernel: 1) : nil
    }

    /// The distribution's mean, unscaled ([N, latentChannels, H/f, W/f]).
    public func encodeMean(_ image: Tensor) -> Tensor {
        var h = convIn(image)
        for block in down {
            for resnet in block.resnets { h = resnet(h) }
            if let downsampler = block.downsampler { h = downsampler.forward(h, padBottomRight: 1) }
        }
        h = convOut(normOut(mid(h), silu: true))
        if let quant { h = quant(h) }
        let n = h.shape[0], c = config.latentChannels, plane = h.shape[2] * h.shape[3]
        var mean: [Float] = []
        mean.reserveCapacity(n * c * plane)
        for b in 0..<n { mean += h.data[(b * 2 * c * plane)..<((b * 2 * c + c) * plane)] }
        return Tensor(shape: [n, c, h.shape[2], h.shape[3]], data: mean)
    }
}
