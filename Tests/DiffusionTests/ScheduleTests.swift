import Foundation
import Testing
@testable import Diffusion

@Suite struct ScheduleTests {
    @Test func karrasIsUniformInSigmaToTheOneOverRho() {
        let s = Sigmas.karras(steps: 10, sigmaMin: 0.03, sigmaMax: 14.6)
        #expect(s.count == 11 && s.last == 0)
        #expect(abs(Double(s[0]) - 14.6) < 1e-4 && abs(Double(s[9]) - 0.03) < 1e-6)
        let roots = s.dropLast().map { pow(Double($0), 1 / 7.0) }
        let gaps = zip(roots, roots.dropFirst()).map { $0 - $1 }
        for g in gaps { #expect(abs(g - gaps[0]) < 1e-5) }
    }

    @Test func logLinearIsGeometric() {
        let s = Sigmas.logLinear(steps: 5, sigmaMin: 0.1, sigmaMax: 10)
        #expect(s.count == 6 && s.last == 0)
        for i in 0..<3 { #expect(abs(Double(s[i + 1] / s[i]) - pow(0.01, 0.25)) < 1e-5) }
    }

    @Test func stableDiffusionSigmaRange() {
        // The well-known SD 1.x/2.x range: sigma_min ≈ 0.0292, sigma_max ≈ 14.6146.
        let sd = DiscreteSchedule.scaledLinear()
        let sigmas = sd.trainingSigmas
        #expect(abs(sigmas[0] - 0.0292) < 1e-4)
        #expect(abs(sigmas[999] - 14.6146) < 1e-3)
    }

    @Test func timestepSpacingsMatchDiffusers() {
        let sd = DiscreteSchedule.scaledLinear()
        // diffusers "leading" for 50 steps: 981, 961, …, 1.
        let leading = sd.timesteps(steps: 50, spacing: .leading)
        #expect(leading.first == 981 && leading.last == 1 && leading.count == 50)
        // "trailing" for 1 and 4 steps (SD-Turbo): 999; 999, 749, 499, 249.
        #expect(sd.timesteps(steps: 1, spacing: .trailing) == [999])
        #expect(sd.timesteps(steps: 4, spacing: .trailing) == [999, 749, 499, 249])
        #expect(sd.timesteps(steps: 3, spacing: .linspace) == [999, 499.5, 0])
    }

    @Test func timestepInvertsSigma() {
        let sd = DiscreteSchedule.scaledLinear()
        for t in [0.0, 1.5, 250.25, 998.0] {
            #expect(abs(sd.timestep(forSigma: sd.sigma(atTimestep: t)) - t) < 1e-6)
        }
    }
}
