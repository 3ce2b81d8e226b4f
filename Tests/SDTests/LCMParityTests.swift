import Diffusion
import Foundation
@testable import SD
import Testing

/// The lcm sampler on tiny-sd1 against diffusers' LCMScheduler (4 steps, guidance 1.5), whose per-step noise
/// the fixture script replaced with Storyreel's own Philox noise for seed 12.
@Suite struct LCMParityTests {
    static func reference() throws -> SafeTensorsFile { try SafeTensorsFile(path: Fixture.path("tiny-sd1/lcm-reference.safetensors")) }

    @Test func timestepsAreLCMSchedulers() throws {
        let ref = try Self.reference()
        let schedule = DiscreteSchedule.scaledLinear()
        for n in [1, 2, 4, 8] {
            #expect(schedule.timesteps(steps: n, spacing: .lcm).map(Float.init) == (try ref.floats("lcm.timesteps.\(n)")))
        }
    }

    @Test func fourStepRunMatchesLCMScheduler() throws {
        let ref = try Self.reference()
        let stepNoise = GaussianNoise(seed: 12)
        let stored = try ref.floats("lcm.step_noise")
        // The reference ran on exactly our streams 1…3.
        #expect(stored == (1...3).flatMap { stepNoise.values(stream: UInt64($0), count: 1024) })
        let model = try ParityTests.loaded("tiny-sd1")
        let noise = try ParityTests.tensor(try ParityTests.reference("tiny-sd1"), "pipeline.noise")
        let sigmas = model.scheduler.schedule.sigmas(steps: 4, spacing: .lcm)
        let ours = try PipelineRun.image(model, noise: noise, sampler: .lcm, sigmas: sigmas, guidance: 1.5, stepNoise: stepNoise)
        let expected = try ref.floats("lcm.image")
        let error = ParityTests.relativeError(ours, expected)
        print("parity lcm 4-step image: relative error \(error)")
        #expect(error < 1e-4)
    }
}
