import Foundation

/// The sinusoidal timestep features diffusers' `Timesteps` computes, in float32 as it does (so the phases of
/// large timesteps round the same way), followed by the two-layer MLP `TimestepEmbedding`.
struct TimestepEmbedding: Sendable {
    let channels: Int
    let flipSinToCos: Bool
    let freqShift: Double
    let linear1: Linear, linear2: Linear

    init(_ w: WeightScope, channels: Int, embeddingDim: Int, flipSinToCos: Bool, freqShift: Double) throws {
        self.channels = channels
        self.flipSinToCos = flipSinToCos
        self.freqShift = freqShift
        linear1 = try Linear(w["linear_1"], inFeatures: channels, outFeatures: embeddingDim)
        linear2 = try Linear(w["linear_2"], inFeatures: embeddingDim, outFeatures: embeddingDim)
    }

    /// [N, channels] features for N timesteps.
    static func sinusoidal(_ timesteps: [Float], channels: Int, flipSinToCos: Bool, freqShift: Double) -> Tensor {
        let half = channels / 2
        var out = [Float](repeating: 0, count: timesteps.count * channels)
        let logPeriod = Float(log(10_000.0))
        for (b, t) in timesteps.enumerated() {
            for i in 0..<half {
                let exponent = -logPeriod * Float(i) / Float(Double(half) - freqShift)
                let phase = t * Foundation.exp(exponent)
                let (s, c) = (sin(phase), cos(phase))
                out[b * channels + i] = flipSinToCos ? c : s
                out[b * channels + half + i] = flipSinToCos ? s : c
            }
        }
        return Tensor(shape: [timesteps.count, channels], data: out)
    }

    /// SiLU of the embedding: every ResNet block's time projection takes it activated.
    func activated(_ timesteps: [Float]) -> Tensor {
        var h = linear1(Self.sinusoidal(timesteps, channels: channels, flipSinToCos: flipSinToCos, freqShift: freqShift))
        Activation.silu.apply(&h)
        h = linear2(h)
        Activation.silu.apply(&h)
        return h
    }
}
