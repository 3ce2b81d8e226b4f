import Foundation

/// The fixed position encoding AnimateDiff adds before each temporal attention (Vaswani et al. 2017, §3.5):
/// row p, column 2i is sin(p · 10000^(−2i/C)), column 2i+1 the cosine of the same angle.
///
/// Checkpoints may store it (`pos_encoder.pe`, `pos_embed.pe`, sometimes rounded to f16); it is computed here,
/// since diffusers' own converter drops the stored copy and rebuilds it the same way.
enum SinusoidalPositions {
    /// [length, channels], row-major.
    static func table(length: Int, channels: Int) -> [Float] {
        var out = [Float](repeating: 0, count: length * channels)
        for i in stride(from: 0, to: channels, by: 2) {
            let frequency = exp(Double(i) * -log(10000.0) / Double(channels))
            for p in 0..<length {
                let angle = Double(p) * frequency
                out[p * channels + i] = Float(sin(angle))
                if i + 1 < channels { out[p * channels + i + 1] = Float(cos(angle)) }
            }
        }
        return out
    }
}
