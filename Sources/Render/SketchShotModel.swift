import Diffusion
import Imaging
import Sketch

/// The built-in sketch model behind the `ShotModel` protocol.
public struct SketchShotModel: ShotModel {
    public init() {}

    public var id: String { SketchModel.id }
    public var weightsDigest: String { "builtin" }
    public var implementation: String { SketchModel.version }
    public var usesGuidance: Bool { false }

    public func prepare(prompt: String, negative: String, guidance: Double, width: Int, height: Int) throws -> any PreparedPrompt {
        PreparedSketch(plan: SketchPlan(prompt: prompt, negative: negative))
    }
}

struct PreparedSketch: PreparedPrompt {
    let plan: SketchPlan

    var conditioningKey: [UInt8] { plan.conditioningKey }
    var latentCount: Int { plan.latentCount }
    func sigmas(steps: Int, schedule: Schedule) -> [Float] { SketchModel.sigmas(steps: steps, schedule: schedule) }
    func makeDenoiser() -> any Denoiser { plan.denoiser }
    func decode(latent: [Float], width: Int, height: Int) throws -> Frame {
        plan.frame(latent: latent, width: width, height: height)
    }
}
