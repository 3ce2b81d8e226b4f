/// The SD 1.x/2.x denoising network (diffusers' `UNet2DConditionModel`): predicts the noise (or v) in a
/// latent at a timestep, given the text encoder's hidden states.
public struct UNet: Sendable {
    public let config: UNetConfig
    let time: TimestepEmbedding
    let convIn: Conv2D
    let down: [DownBlock]
    let midResnet1: ResnetBlock, midAttention: SpatialTransformer, midResnet2: ResnetBlock
    let up: [UpBlock]
    let normOut: GroupNorm
    let convOut: Conv2D

    struct DownBlock: Sendable {
        let resnets: [ResnetBlock]
        let attentions: [SpatialTransformer]
        let downsampler: Conv2D?
    }

    struct UpBlock: Sendable {
        let resnets: [ResnetBlock]
        let attentions: [SpatialTransformer]
        let upsampler: Conv2D?
    }

    public init(_ w: WeightScope, config c: UNetConfig) throws {
        config = c
        let channels = c.blockOutChannels, timeDim = c.timeEmbeddingDim
        func resnet(_ scope: WeightScope, _ input: Int, _ output: Int) throws -> ResnetBlock {
            try ResnetBlock(scope, inChannels: input, outChannels: output, timeChannels: timeDim, groups: c.groups,
                            epsilon: c.normEpsilon)
        }
        func transformer(_ scope: WeightScope, _ width: Int, _ heads: Int) throws -> SpatialTransformer {
            try SpatialTransformer(scope, channels: width, heads: heads, contextDim: c.crossAttentionDim, groups: c.groups,
                                   linearProjection: c.useLinearProjection)
        }
        time = try TimestepEmbedding(w["time_embedding"], channels: channels[0], embeddingDim: timeDim,
                                     flipSinToCos: c.flipSinToCos, freqShift: c.freqShift)
        convIn = try Conv2D(w["conv_in"], inChannels: c.inChannels, outChannels: channels[0], kernel: 3)

        var down: [DownBlock] = []
        var output = channels[0]
        for (i, kind) in c.downBlocks.enumerated() {
            let input = output
            output = channels[i]
            let scope = w["down_blocks"][i]
            let resnets = try (0..<c.layersPerBlock).map { try resnet(scope["resnets"][$0], $0 == 0 ? input : output, output) }
            let attentions = kind == .crossAttention
                ? try (0..<c.layersPerBlock).map { try transformer(scope["attentions"][$0], output, c.heads[i]) } : []
            let last = i == channels.count - 1
            let downsampler = last ? nil
                : try Conv2D(scope["downsamplers.0.conv"], inChannels: output, outChannels: output, kernel: 3, stride: 2)
            down.append(DownBlock(resnets: resnets, attentions: attentions, downsampler: downsampler))
        }
        self.down = down

        let deepest = channels.last!
        midResnet1 = try resnet(w["mid_block.resnets.0"], deepest, deepest)
        midAttention = try transformer(w["mid_block.attentions.0"], deepest, c.heads.last!)
        midResnet2 = try resnet(w["mid_block.resnets.1"], deepest, deepest)

        var up: [UpBlock] = []
        let reversed = Array(channels.reversed()), reversedHeads = Array(c.heads.reversed())
        output = reversed[0]
        for (i, kind) in c.upBlocks.enumerated() {
            let previous = output
            output = reversed[i]
            let input = reversed[min(i + 1, reversed.count - 1)]
            let scope = w["up_blocks"][i]
            let layers = c.layersPerBlock + 1
            let resnets = try (0..<layers).map { j in
                let skip = j == layers - 1 ? input : output
                return try resnet(scope["resnets"][j], (j == 0 ? previous : output) + skip, output)
            }
            let attentions = kind == .crossAttention
                ? try (0..<layers).map { try transformer(scope["attentions"][$0], output, reversedHeads[i]) } : []
            let last = i == reversed.count - 1
            let upsampler = last ? nil : try Conv2D(scope["upsamplers.0.conv"], inChannels: output, outChannels: output, kernel: 3)
            up.append(UpBlock(resnets: resnets, attentions: attentions, upsampler: upsampler))
        }
        self.up = up
        normOut = try GroupNorm(w["conv_norm_out"], groups: c.groups, channels: channels[0], epsilon: c.normEpsilon)
        convOut = try Conv2D(w["conv_out"], inChannels: channels[0], outChannels: c.outChannels, kernel: 3)
    }

    /// The model output for latents [N, C, H, W] at one timestep per item, with context [N, T, crossAttentionDim].
    public func callAsFunction(_ sample: Tensor, timesteps: [Float], context: Tensor) -> Tensor {
        run(sample, timesteps: timesteps, context: context, motion: nil, frames: 1)
    }

    /// The model output for clips: [clips·frames, C, H, W], clip-major, with `motion`'s temporal transformers after
    /// each down, mid and up layer, as diffusers' `UNetMotionModel` inserts them.
    public func callAsFunction(_ sample: Tensor, timesteps: [Float], context: Tensor, motion: MotionAdapter, frames: Int) -> Tensor {
        run(sample, timesteps: timesteps, context: context, motion: motion, frames: frames)
    }

    func run(_ sample: Tensor, timesteps: [Float], context: Tensor, motion: MotionAdapter?, frames: Int) -> Tensor {
        precondition(sample.shape[0] == timesteps.count && context.shape[0] == timesteps.count)
        let t = time.activated(timesteps)
        var h = convIn(sample)
        var skips = [h]
        for (i, block) in down.enumerated() {
            for (j, resnet) in block.resnets.enumerated() {
                h = resnet(h, activatedTime: t)
                if !block.attentions.isEmpty { h = block.attentions[j](h, context: context) }
                if let motion { h = motion.down[i][j](h, frames: frames) }
                skips.append(h)
            }
            if let downsampler = block.downsampler {
                h = downsampler(h)
                skips.append(h)
            }
        }
        h = midResnet1(h, activatedTime: t)
        h = midAttention(h, context: context)
        if let temporal = motion?.mid { h = temporal(h, frames: frames) }
        h = midResnet2(h, activatedTime: t)
        for (i, block) in up.enumerated() {
            for (j, resnet) in block.resnets.enumerated() {
                h = resnet(Tensor.concatChannels(h, skips.removeLast()), activatedTime: t)
                if !block.attentions.isEmpty { h = block.attentions[j](h, context: context) }
                if let motion { h = motion.up[i][j](h, frames: frames) }
            }
            if let upsampler = block.upsampler, let skip = skips.last {
                h = upsampler(Upsample.nearest(h, height: skip.shape[2], width: skip.shape[3]))
            }
        }
        return convOut(normOut(h, silu: true))
    }
}
