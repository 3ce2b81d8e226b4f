import Testing
@testable import Diffusion

@Suite struct NoiseTests {
    @Test func philoxKnownAnswers() {
        // Known-answer vectors published with Random123 (kat_vectors, philox4x32_10).
        let zero = Philox(seed: 0).block((0, 0, 0, 0))
        #expect([zero.0, zero.1, zero.2, zero.3] == [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8])
        let ones = Philox(seed: UInt64.max).block((0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff))
        #expect([ones.0, ones.1, ones.2, ones.3] == [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd])
        let pi = Philox(seed: 0x299f_31d0_a409_3822).block((0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344))
        #expect([pi.0, pi.1, pi.2, pi.3] == [0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1])
    }

    @Test func sameSeedSameNoiseAndPrefixStable() {
        let a = GaussianNoise(seed: 42).values(stream: 0, count: 1000)
        let b = GaussianNoise(seed: 42).values(stream: 0, count: 1003)
        #expect(Array(b.prefix(1000)) == a)
        #expect(GaussianNoise(seed: 43).values(stream: 0, count: 1000) != a)
        #expect(GaussianNoise(seed: 42).values(stream: 1, count: 1000) != a)
    }

    @Test func moments() {
        let v = GaussianNoise(seed: 1).values(stream: 0, count: 200_000).map(Double.init)
        let n = Double(v.count)
        let mean = v.reduce(0, +) / n
        let variance = v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        let kurtosis = v.reduce(0) { $0 + pow4($1 - mean) } / n / (variance * variance)
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1) < 0.01)
        #expect(abs(kurtosis - 3) < 0.05)
        let w = GaussianNoise(seed: 1).values(stream: 9, count: 200_000).map(Double.init)
        let correlation = zip(v, w).reduce(0) { $0 + $1.0 * $1.1 } / n
        #expect(abs(correlation) < 0.01)
    }

    @Test func variationBlendKeepsNorm() {
        let count = 4096
        let blended = GaussianNoise.initial(seed: 5, variationSeed: 6, variationStrength: 0.3, count: count)
        let norm = blended.reduce(0.0) { $0 + Double($1 * $1) } / Double(count)
        #expect(abs(norm - 1) < 0.06)
        #expect(GaussianNoise.initial(seed: 5, variationSeed: 6, variationStrength: 0, count: count)
                == GaussianNoise(seed: 5).values(stream: 0, count: count))
    }

    private func pow4(_ x: Double) -> Double { x * x * x * x }
}
