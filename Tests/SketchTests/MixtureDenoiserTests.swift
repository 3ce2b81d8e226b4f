import Foundation
import Testing
@testable import Sketch

/// The mixture denoiser against the posterior mean computed by numerical integration over x0.
@Suite struct MixtureDenoiserTests {
    /// E[x0 | x] = ∫ x0 p(x0) N(x; x0, σ²) dx0 / ∫ p(x0) N(x; x0, σ²) dx0, by the trapezoid rule on a fine grid.
    func quadraturePosteriorMean(x: Double, sigma: Double, means: [Double], deviations: [Double]) -> Double {
        var num = 0.0, den = 0.0
        let lo = -12.0, hi = 12.0, n = 200_000
        let h = (hi - lo) / Double(n)
        for i in 0...n {
            let x0 = lo + Double(i) * h
            var prior = 0.0
            for k in means.indices {
                let z = (x0 - means[k]) / deviations[k]
                prior += exp(-0.5 * z * z) / deviations[k]
            }
            let e = (x - x0) / sigma
            let w = prior * exp(-0.5 * e * e) * (i == 0 || i == n ? 0.5 : 1)
            num += x0 * w
            den += w
        }
        return num / den
    }

    @Test func matchesNumericalPosteriorMeanIn1D() throws {
        let means = [-1.0, 0.4, 1.5], deviations = [0.1, 0.3, 0.2]
        let denoiser = MixtureDenoiser(mixture: LayoutMixture(means: means.map { [$0] }, deviations: deviations.map { [$0] }))
        for sigma in [0.05, 0.3, 1.0, 4.0] {
            for x in [-2.0, -0.7, 0.0, 0.9, 2.5] {
                let got = Double(try denoiser.denoise([Float(x)], sigma: Float(sigma))[0])
                let want = quadraturePosteriorMean(x: x, sigma: sigma, means: means, deviations: deviations)
                #expect(abs(got - want) < 1e-4, "sigma \(sigma) x \(x): \(got) vs \(want)")
            }
        }
    }

    @Test func highNoiseGivesTheMixtureMeanAndLowNoiseTheNearestComponent() throws {
        let denoiser = MixtureDenoiser(mixture: LayoutMixture(means: [[-1, 2], [1, -2]], deviations: [[0.1, 0.1], [0.1, 0.1]]))
        let far = try denoiser.denoise([0.3, -0.2], sigma: 500)
        #expect(abs(far[0]) < 0.01 && abs(far[1]) < 0.01)
        let near = try denoiser.denoise([0.9, -1.9], sigma: 0.001)
        #expect(abs(near[0] - 0.9) < 0.01 && abs(near[1] + 1.9) < 0.01)
    }
}
