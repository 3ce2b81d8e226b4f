import Foundation

/// TAESD's decoder (diffusers' `AutoencoderTiny`): a small conv stack that turns SD latents into a preview in
/// a fraction of the full VAE's time. Weights are indexed by position in its `decoder.layers` sequence.
public struct TinyDecoder: Sendable {
    enum Layer: Sendable {
        case conv(Conv2D)
        case relu
        case block(Conv2D, Conv2D, Conv2D)
        case upsample
    }

    let layers: [Layer]
    let latentMagnitude: Float

    public init(_ w: WeightScope, latentChannels: Int = 4, channels: [Int] = [64, 64, 64, 64], blocks: [Int] = [3, 3, 3, 1],
                imageChannels: Int = 3, latentMagnitude: Float = 3) throws {
        let d = w["decoder.layers"]
        var layers: [Layer] = []
        func add(_ make: (WeightScope) throws -> Layer) rethrows { layers.append(try make(d[layers.count])) }
        try add { .conv(try Conv2D($0, inChannels: latentChannels, outChannels: channels[0], kernel: 3)) }
        layers.append(.relu)
        for (i, count) in blocks.enumerated() {
            let c = channels[i]
            for _ in 0..<count {
                try add {
                    .block(try Conv2D($0["conv.0"], inChannels: c, outChannels: c, kernel: 3),
                           try Conv2D($0["conv.2"], inChannels: c, outChannels: c, kernel: 3),
                           try Conv2D($0["conv.4"], inChannels: c, outChannels: c, kernel: 3))
                }
            }
            let last = i == blocks.count - 1
            if !last { layers.append(.upsample) }
            try add { .conv(try Conv2D($0, inChannels: c, outChannels: last ? imageChannels : c, kernel: 3, bias: last)) }
        }
        self.layers = layers
        self.latentMagnitude = latentMagnitude
    }

    public init(_ w: WeightScope, config: ConfigFile) throws {
        try self.init(w, latentChannels: try config.int("latent_channels", default: 4),
                      channels: try config.ints("decoder_block_out_channels", default: [64, 64, 64, 64]),
                      blocks: try config.ints("num_decoder_blocks", default: [3, 3, 3, 1]),
                      imageChannels: try config.int("out_channels", default: 3),
                      latentMagnitude: Float(try config.double("latent_magnitude", default: 3)))
    }

    /// RGB in about [-1, 1] from SD latents (TAESD takes them as the UNet leaves them, unscaled by the VAE factor).
    public func decode(latents: Tensor) -> Tensor {
        var h = latents
        for i in h.data.indices { h.data[i] = tanh(h.data[i] / latentMagnitude) * latentMagnitude }
        for layer in layers {
            switch layer {
            case .conv(let conv): h = conv(h)
            case .relu: Activation.relu.apply(&h)
            case .upsample: h = Upsample.nearest2x(h)
            case .block(let a, let b, let c):
                var t = a(h)
                Activation.relu.apply(&t)
                t = b(t)
                Activation.relu.apply(&t)
                t = c(t)
                t.add(h)
                Activation.relu.apply(&t)
                h = t
            }
        }
        for i in h.data.indices { h.data[i] = h.data[i] * 2 - 1 }
        return h
    }
}
