import Foundation

/// Standard normal noise addressed by (seed, stream, index): Philox words through Box–Muller.
///
/// Stream 0 is a shot's initial latent noise; stream `1 + step` is the noise an ancestral sampler adds after
/// that step, so a run can resume mid-way and a partial re-denoise reuses the shot's own noise.
public struct GaussianNoise: Sendable {
    public let seed: UInt64
    private let philox: Philox

    public init(seed: UInt64) {
        self.seed = seed
        self.philox = Philox(seed: seed)
    }

    /// `count` values of stream `stream`, starting at element 0.
    public func values(stream: UInt64, count: Int) -> [Float] {
        var out = [Float](repeating: 0, count: count)
        var block: UInt64 = 0
        var i = 0
        while i < count {
            let words = philox.block((UInt32(truncatingIfNeeded: block), UInt32(truncatingIfNeeded: block >> 32),
                                      UInt32(truncatingIfNeeded: stream), UInt32(truncatingIfNeeded: stream >> 32)))
            let (a, b) = GaussianNoise.boxMuller(words.0, words.1)
            let (c, d) = GaussianNoise.boxMuller(words.2, words.3)
            for v in [a, b, c, d] where i < count {
                out[i] = v
                i += 1
            }
            block += 1
        }
        return out
    }

    /// Two independent standard normals from two uniform words; never takes log(0).
    @inline(__always)
    static func boxMuller(_ x: UInt32, _ y: UInt32) -> (Float, Float) {
        let u1 = (Double(x) + 0.5) / 4_294_967_296.0
        let u2 = (Double(y) + 0.5) / 4_294_967_296.0
        let r = (-2 * log(u1)).squareRoot()
        let theta = 2 * Double.pi * u2
        return (Float(r * cos(theta)), Float(r * sin(theta)))
    }

    /// Initial noise for a seed, optionally blended towards a variation seed by spherical interpolation
    /// (keeps the blend's norm that of unit noise, so strength 0.1 is a small, valid nudge).
    public static func initial(seed: UInt64, variationSeed: UInt64? = nil, variationStrength: Double = 0, count: Int) -> [Float] {
        let base = GaussianNoise(seed: seed).values(stream: 0, count: count)
        guard let variationSeed, variationStrength > 0 else { return base }
        let other = GaussianNoise(seed: variationSeed).values(stream: 0, count: count)
        return slerp(base, other, t: min(1, variationStrength))
    }

    /// Spherical interpolation between two noise vectors; falls back to linear when they are nearly parallel.
    public static func slerp(_ a: [Float], _ b: [Float], t: Double) -> [Float] {
        var dot = 0.0, na = 0.0, nb = 0.0
        for i in a.indices {
            dot += Double(a[i]) * Double(b[i])
            na += Double(a[i] * a[i])
            nb += Double(b[i] * b[i])
        }
        let cosOmega = max(-1, min(1, dot / max(1e-12, (na * nb).squareRoot())))
        let omega = acos(cosOmega)
        if abs(sin(omega)) < 1e-6 {
            return zip(a, b).map { Float((1 - t) * Double($0) + t * Double($1)) }
        }
        let wa = sin((1 - t) * omega) / sin(omega), wb = sin(t * omega) / sin(omega)
        return zip(a, b).map { Float(wa * Double($0) + wb * Double($1)) }
    }
}
