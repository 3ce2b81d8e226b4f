import Diffusion
import Foundation
@testable import SD
import Testing

/// The tcd sampler on tiny-sd1 against diffusers' TCDScheduler (4 steps, eta 0.3, guidance 1.5), whose per-step
/// noise the fixture script replaced with Storyreel's own Philox noise for seed 12.
@Suite struct TCDParityTests {
    static func reference() throws -> SafeTensorsFile { try SafeTensorsFile(path: Fixture.path("tiny-sd1/tcd-reference.safetensors")) }

    @Test func timestepsAndLandingLevelsAreTCDSchedulers() throws {
        let ref = try Self.reference()
        let schedule = DiscreteSchedule.scaledLinear()
        for n in [1, 2, 4, 8] {
            #expect(schedule.timesteps(steps: n, spacing: .lcm).map(Float.init) == (try ref.floats("tcd.timesteps.\(n)")))
        }
        let plan = schedule.tcdPlan(sigmas: schedule.sigmas(steps: 4, spacing: .lcm), gamma: 0.3)
        let landing = try ref.floats("tcd.landing.4").map { Float(schedule.sigma(atTimestep: Double($0))) }
        #expect(plan.intermediate == landing)
    }

    @Test func fourStepRunMatchesTCDScheduler() throws {
        let ref = try Self.reference()
        let stepNoise = GaussianNoise(seed: 12)
        let stored = try ref.floats("tcd.step_noise")
        // The reference ran on exactly our streams 1…3.
        #expect(stored == (1...3).flatMap { stepNoise.values(stream: UInt64($0), count: 1024) })
        let model = try ParityTests.loaded("tiny-sd1")
        let noise = try ParityTests.tensor(try ParityTests.reference("tiny-sd1"), "pipeline.noise")
        let sigmas = model.scheduler.schedule.sigmas(steps: 4, spacing: .lcm)
        let plan = model.scheduler.schedule.tcdPlan(sigmas: sigmas, gamma: 0.3)
        let ours = try PipelineRun.image(model, noise: noise, sampler: .tcd, sigmas: sigmas, guidance: 1.5, stepNoise: stepNoise,
                                         tcd: plan)
        let expected = try ref.floats("tcd.image")
        let error = ParityTests.relativeError(ours, expected)
        print("parity tcd 4-step image: relative error \(error), worst \(PipelineRun.worst(ours, expected) * 255)/255")
        #expect(error < 1e-4)
    }
}
