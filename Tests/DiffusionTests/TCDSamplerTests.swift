import Foundation
import Testing
@testable import Diffusion

/// The TCD sampler against its defining update on Gaussian data, where the denoiser D is exact:
/// x ← D + (sigma_s / sigma)(x − D) + sqrt(sigma_next² − sigma_s²)·z, with sigma_s from the plan.
@Suite struct TCDSamplerTests {
    let model = GaussianDenoiser(mu: 0.3, s: 0.5)

    @Test func oneStepGoesBackToSigmaSThenAddsFreshNoise() throws {
        let noise = GaussianNoise(seed: 5)
        let start = noise.values(stream: 0, count: 16).map { $0 * 4 }
        let out = try Sampling.sample(.tcd, denoiser: model, x: start, sigmas: [4, 1.5], noise: noise)
        // The default plan: gamma 0.3, sigma_s = 0.7 · 1.5; step 0 draws stream 1, as every ancestral sampler here.
        let z = noise.values(stream: 1, count: 16)
        let w = 0.25 / (0.25 + 16.0), s = Double(Float(0.7 * 1.5))
        for j in start.indices {
            let x0 = 0.3 + w * (Double(start[j]) - 0.3)
            let expected = x0 + s / 4 * (Double(start[j]) - x0) + (1.5 * 1.5 - s * s).squareRoot() * Double(z[j])
            #expect(abs(Double(out[j]) - expected) < 1e-5)
        }
    }

    @Test func gammaOneIsLCMAndGammaZeroIsDeterministic() throws {
        let noise = GaussianNoise(seed: 77)
        let sigmas: [Float] = [14.6, 3.2, 0.9, 0.3, 0]
        let start = noise.values(stream: 0, count: 64).map { $0 * sigmas[0] }
        let lcm = try Sampling.sample(.lcm, denoiser: model, x: start, sigmas: sigmas, noise: noise)
        let one = try Sampling.sample(.tcd, denoiser: model, x: start, sigmas: sigmas, noise: noise,
                                      tcd: .continuous(sigmas: sigmas, gamma: 1))
        #expect(zip(lcm, one).allSatisfy { abs($0 - $1) < 1e-6 })
        // gamma 0 lands on sigma_next itself and draws no noise: the first-order (Euler/DDIM) update.
        let zero = try Sampling.sample(.tcd, denoiser: model, x: start, sigmas: sigmas, noise: GaussianNoise(seed: 1),
                                       tcd: .continuous(sigmas: sigmas, gamma: 0))
        let euler = try Sampling.sample(.euler, denoiser: model, x: start, sigmas: sigmas, noise: noise)
        #expect(zip(euler, zero).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func finalStepLandsOnTheEstimateOrTheScaledLatent() throws {
        let noise = GaussianNoise(seed: 9)
        let start = noise.values(stream: 0, count: 8).map { $0 * 10 }
        let estimate = try model.denoise(start, sigma: 10)
        let continuous = try Sampling.sample(.tcd, denoiser: model, x: start, sigmas: [10, 0], noise: noise)
        #expect(zip(continuous, estimate).allSatisfy { abs($0 - $1) < 1e-6 })
        // A discrete plan's last step lands on sigma_s = sigma(t = 0) and returns that latent variance-preserving.
        let plan = TCDPlan(intermediate: [0.03], finalScale: Float(1 / (1 + 0.03 * 0.03).squareRoot()))
        let discrete = try Sampling.sample(.tcd, denoiser: model, x: start, sigmas: [10, 0], noise: noise, tcd: plan)
        for j in start.indices {
            let x0 = Double(estimate[j])
            let expected = (x0 + 0.03 / 10 * (Double(start[j]) - x0)) / (1 + 0.03 * 0.03).squareRoot()
            #expect(abs(Double(discrete[j]) - expected) < 1e-5)
        }
    }

    @Test func multistepMomentsFollowTheUpdateRecursion() throws {
        // x' − mu = a (x − mu) + up·z with a = w + (sigma_s/sigma)(1 − w): mean and variance follow m' = mu + a (m − mu)
        // and v' = a² v + up², independently of the sampler's code.
        let noise = GaussianNoise(seed: 2026)
        let count = 40_000
        let sigmas: [Float] = [14.6, 3.2, 0.9, 0.3, 0]
        let plan = TCDPlan.continuous(sigmas: sigmas, gamma: 0.3)
        let start = noise.values(stream: 0, count: count).map { $0 * sigmas[0] }
        let out = try Sampling.sample(.tcd, denoiser: model, x: start, sigmas: sigmas, noise: noise, tcd: plan)
        var mean = 0.0, variance = Double(sigmas[0] * sigmas[0])
        for i in 0..<(sigmas.count - 1) {
            let sigma = Double(sigmas[i]), next = Double(sigmas[i + 1]), s = Double(plan.intermediate[i])
            let w = 0.25 / (0.25 + sigma * sigma)
            let a = w + s / sigma * (1 - w)
            mean = 0.3 + a * (mean - 0.3)
            variance = a * a * variance + max(0, next * next - s * s)
        }
        let m = out.reduce(0.0) { $0 + Double($1) } / Double(count)
        let v = out.reduce(0.0) { $0 + (Double($1) - m) * (Double($1) - m) } / Double(count)
        #expect(abs(m - mean) < 0.01, "mean \(m), expected \(mean)")
        #expect(abs(v.squareRoot() - variance.squareRoot()) < 0.01, "std \(v.squareRoot()), expected \(variance.squareRoot())")
    }

    @Test func discretePlanIsTCDSchedulers() {
        let schedule = DiscreteSchedule.scaledLinear()
        // TCDScheduler's timesteps are LCMScheduler's (original_inference_steps = 50) ...
        let sigmas = schedule.sigmas(steps: 4, spacing: .lcm)
        #expect(schedule.timesteps(steps: 4, spacing: .lcm) == [999, 759, 499, 259])
        // ... and with eta 0.3 each step lands on floor(0.7 · t_next): 531, 349, 181, then 0.
        let plan = schedule.tcdPlan(sigmas: sigmas, gamma: 0.3)
        let expected = [531.0, 349, 181, 0].map { Float(schedule.sigma(atTimestep: $0)) }
        #expect(plan.intermediate == expected)
        let alpha0 = schedule.alphasCumprod[0]
        #expect(abs(Double(plan.finalScale) - alpha0.squareRoot()) < 1e-7)
        // gamma 0 lands on the next level itself (and, at the end, on timestep 0).
        let deterministic = schedule.tcdPlan(sigmas: sigmas, gamma: 0)
        #expect(Array(deterministic.intermediate.prefix(3)) == Array(sigmas[1...3]))
    }
}
