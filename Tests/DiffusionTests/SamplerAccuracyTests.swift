import Foundation
import Testing
@testable import Diffusion

/// Samplers against the closed-form probability-flow ODE solution for Gaussian data.
@Suite struct SamplerAccuracyTests {
    let model = GaussianDenoiser(mu: 0.3, s: 0.5)
    let sigmaMax = 10.0, sigmaMin = 0.05

    /// Max-abs error at sigma_min after integrating with `steps` log-uniform steps (no final jump to 0).
    func error(_ sampler: Sampler, steps: Int) throws -> Double {
        let noise = GaussianNoise(seed: 7)
        let start = noise.values(stream: 0, count: 64).map { $0 * Float(sigmaMax) }
        var sigmas = Sigmas.logLinear(steps: steps + 1, sigmaMin: sigmaMin, sigmaMax: sigmaMax)
        sigmas.removeLast() // end at sigma_min, where the exact solution is known
        let result = try Sampling.sample(sampler, denoiser: model, x: start, sigmas: sigmas, noise: noise)
        let exact = model.exactSolution(from: start, sigma: sigmaMax, to: sigmaMin)
        return zip(result, exact).map { abs(Double($0) - $1) }.max() ?? 0
    }

    @Test func eulerIsFirstOrder() throws {
        let e10 = try error(.euler, steps: 10), e20 = try error(.euler, steps: 20), e40 = try error(.euler, steps: 40)
        // Halving the step halves the error.
        #expect((1.6...2.4).contains(e10 / e20), "ratio \(e10 / e20)")
        #expect((1.6...2.4).contains(e20 / e40), "ratio \(e20 / e40)")
        #expect(e40 < 0.1)
    }

    @Test func dpmpp2mIsSecondOrder() throws {
        let e10 = try error(.dpmpp2m, steps: 10), e20 = try error(.dpmpp2m, steps: 20), e40 = try error(.dpmpp2m, steps: 40)
        // Halving the step quarters the error.
        #expect((3.0...5.5).contains(e10 / e20), "ratio \(e10 / e20)")
        #expect((3.0...5.5).contains(e20 / e40), "ratio \(e20 / e40)")
        let euler40 = try error(.euler, steps: 40)
        #expect(e40 < euler40 / 10)
    }

    @Test func ddimMatchesEulerUpdate() throws {
        let ddim = try error(.ddim, steps: 12), euler = try error(.euler, steps: 12)
        #expect(abs(ddim - euler) < 1e-9)
    }

    @Test func finalStepToZeroLandsOnExactEndpoint() throws {
        // With a Karras schedule ending in 0, DPM++ 2M should reach the exact sigma=0 endpoint closely.
        let noise = GaussianNoise(seed: 11)
        let start = noise.values(stream: 0, count: 32).map { $0 * Float(sigmaMax) }
        let sigmas = Sigmas.karras(steps: 30, sigmaMin: 0.01, sigmaMax: sigmaMax)
        let exact = model.exactSolution(from: start, sigma: sigmaMax, to: 0)
        func endpointError(_ sampler: Sampler) throws -> Double {
            let out = try Sampling.sample(sampler, denoiser: model, x: start, sigmas: sigmas, noise: noise)
            return zip(out, exact).map { abs(Double($0) - $1) }.max() ?? 0
        }
        let dpm = try endpointError(.dpmpp2m), euler = try endpointError(.euler)
        #expect(dpm < 0.01, "error \(dpm)")
        #expect(dpm < euler / 5, "dpm \(dpm) euler \(euler)")
    }

    @Test func eulerAncestralSamplesTheDataDistribution() throws {
        // Ancestral sampling is stochastic: check the distribution of results, not a trajectory.
        let noise = GaussianNoise(seed: 2024)
        let count = 20_000
        let start = noise.values(stream: 0, count: count).map { $0 * Float(sigmaMax) }
        let sigmas = Sigmas.karras(steps: 40, sigmaMin: 0.01, sigmaMax: sigmaMax)
        let out = try Sampling.sample(.eulerAncestral, denoiser: model, x: start, sigmas: sigmas, noise: noise)
        let mean = out.reduce(0.0) { $0 + Double($1) } / Double(count)
        let variance = out.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(count)
        #expect(abs(mean - 0.3) < 0.02, "mean \(mean)")
        #expect(abs(variance.squareRoot() - 0.5) < 0.05, "std \(variance.squareRoot())")
    }

    @Test func ancestralStepSplitsVariance() {
        let (down, up) = Sampling.ancestralSigmas(from: 2, to: 1)
        // sigma_down^2 + sigma_up^2 = sigma_next^2, and sigma_up per k-diffusion's formula.
        #expect(abs(Double(down * down + up * up) - 1) < 1e-6)
        #expect(abs(Double(up) - (3.0 / 4.0).squareRoot()) < 1e-6)
    }
}
