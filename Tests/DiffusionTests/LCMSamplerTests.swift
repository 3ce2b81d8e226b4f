import Foundation
import Testing
@testable import Diffusion

/// The LCM sampler against its defining update (x ← D(x, σ) + σ_next·z) on Gaussian data, where D is exact.
@Suite struct LCMSamplerTests {
    let model = GaussianDenoiser(mu: 0.3, s: 0.5)

    @Test func oneStepIsTheDenoisedEstimatePlusFreshNoise() throws {
        let noise = GaussianNoise(seed: 5)
        let start = noise.values(stream: 0, count: 16).map { $0 * 4 }
        let out = try Sampling.sample(.lcm, denoiser: model, x: start, sigmas: [4, 1.5], noise: noise)
        // Step 0 draws stream 1, as every ancestral sampler here does.
        let z = noise.values(stream: 1, count: 16)
        let w = 0.25 / (0.25 + 16.0)
        for j in start.indices {
            let expected = 0.3 + w * (Double(start[j]) - 0.3) + 1.5 * Double(z[j])
            #expect(abs(Double(out[j]) - expected) < 1e-5)
        }
    }

    @Test func finalStepToZeroReturnsTheEstimate() throws {
        let noise = GaussianNoise(seed: 9)
        let start = noise.values(stream: 0, count: 8).map { $0 * 10 }
        let out = try Sampling.sample(.lcm, denoiser: model, x: start, sigmas: [10, 0], noise: noise)
        let expected = try model.denoise(start, sigma: 10)
        #expect(zip(out, expected).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func multistepMomentsFollowTheUpdateRecursion() throws {
        // With x_{i+1} = mu + w_i (x_i − mu) + σ_{i+1} z, mean and variance follow m' = mu + w (m − mu) and
        // v' = w² v + σ_{i+1}², independently of the sampler's code.
        let noise = GaussianNoise(seed: 2026)
        let count = 40_000
        let sigmas: [Float] = [14.6, 3.2, 0.9, 0.3, 0]
        let start = noise.values(stream: 0, count: count).map { $0 * sigmas[0] }
        let out = try Sampling.sample(.lcm, denoiser: model, x: start, sigmas: sigmas, noise: noise)
        var mean = 0.0, variance = Double(sigmas[0] * sigmas[0])
        for i in 0..<(sigmas.count - 1) {
            let s2 = Double(sigmas[i]) * Double(sigmas[i])
            let w = 0.25 / (0.25 + s2)
            mean = 0.3 + w * (mean - 0.3)
            variance = w * w * variance + Double(sigmas[i + 1]) * Double(sigmas[i + 1])
        }
        let m = out.reduce(0.0) { $0 + Double($1) } / Double(count)
        let v = out.reduce(0.0) { $0 + (Double($1) - m) * (Double($1) - m) } / Double(count)
        #expect(abs(m - mean) < 0.01, "mean \(m), expected \(mean)")
        #expect(abs(v.squareRoot() - variance.squareRoot()) < 0.01, "std \(v.squareRoot()), expected \(variance.squareRoot())")
    }

    @Test func lcmSpacingPicksFromTheDistillationGrid() {
        let schedule = DiscreteSchedule.scaledLinear()
        // LCMScheduler(original_inference_steps = 50).set_timesteps(n) gives these.
        #expect(schedule.timesteps(steps: 4, spacing: .lcm) == [999, 759, 499, 259])
        #expect(schedule.timesteps(steps: 1, spacing: .lcm) == [999])
        #expect(schedule.timesteps(steps: 8, spacing: .lcm) == [999, 879, 759, 639, 499, 379, 259, 139])
        #expect(schedule.sigmas(steps: 2, spacing: .lcm).count == 3)
    }
}
