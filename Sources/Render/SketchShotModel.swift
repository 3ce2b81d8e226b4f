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
    public var motionImplementation: String { SketchModel.motionVersion }

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

    func motion(keyLatent: [Float], seed: UInt32, drawingsPerSecond: Int, width: Int, height: Int) -> [Float]? {
        let clip = plan.clip(latent: keyLatent, seed: seed, drawingsPerSecond: drawingsPerSecond, width: width, height: height)
        return clip.isStill ? nil : clip.values
    }

    func verifiedMotion(_ values: [Float]) -> [Float]? {
        SketchClip(values: values, subjectCount: plan.resolved.subjects.count).map(\.values)
    }

    func decodeDrawing(_ index: Int, keyLatent: [Float], motion: [Float], width: Int, height: Int) throws -> Frame {
        guard let clip = SketchClip(values: motion, subjectCount: plan.resolved.subjects.count) else {
            throw RenderError("the clip's motion does not fit this prompt's \(plan.resolved.subjects.count) subjects")
        }
        return plan.drawing(index, latent: keyLatent, clip: clip, width: width, height: height)
    }

    func motionPaths(keyLatent: [Float], motion: [Float], drawings: Int, width: Int, height: Int) -> [[(Double, Double)]] {
        guard let clip = SketchClip(values: motion, subjectCount: plan.resolved.subjects.count) else { return [] }
        return plan.motionPaths(latent: keyLatent, clip: clip, drawings: drawings, width: width, height: height)
    }
}
