import Diffusion
import Imaging

/// A model that can render shots: the sketch model today, Stable Diffusion checkpoints later.
public protocol ShotModel: Sendable {
    /// "sketch" or "sd:PATH".
    var id: String { get }
    /// Digest of the weights ("builtin" for the sketch model).
    var weightsDigest: String { get }
    /// Implementation version; part of every render key.
    var implementation: String { get }
    /// Whether classifier-free guidance changes this model's output (if not, it stays out of render keys).
    var usesGuidance: Bool { get }
    /// "SHA-256@strength" of each LoRA merged into the weights; part of every render key.
    var loraKeys: [String] { get }
    /// Compiles a prompt into what the sampler needs, for frames of `width`×`height`.
    func prepare(prompt: String, negative: String, guidance: Double, width: Int, height: Int) throws -> any PreparedPrompt
}

/// A prompt ready to sample: conditioning bound, latent shape known.
public protocol PreparedPrompt {
    /// Canonical bytes of the conditioning, for the render key.
    var conditioningKey: [UInt8] { get }
    /// Floats in one latent.
    var latentCount: Int { get }
    /// The noise levels of a run.
    func sigmas(steps: Int, schedule: Schedule) -> [Float]
    /// The noise levels of a run with `sampler`, whose native schedule may be its own (lcm).
    func sigmas(steps: Int, schedule: Schedule, sampler: Sampler) -> [Float]
    /// A fresh denoiser.
    func makeDenoiser() -> any Denoiser
    /// Draws the final frame for a latent.
    func decode(latent: [Float], width: Int, height: Int) throws -> Frame
    /// Draws a step preview of an x0 estimate, as fast as the model allows (TAESD for SD checkpoints).
    func decodePreview(latent: [Float], width: Int, height: Int) throws -> Frame
}

extension ShotModel {
    public var loraKeys: [String] { [] }
}

extension PreparedPrompt {
    public func sigmas(steps: Int, schedule: Schedule, sampler: Sampler) -> [Float] {
        sigmas(steps: steps, schedule: schedule)
    }

    public func decodePreview(latent: [Float], width: Int, height: Int) throws -> Frame {
        try decode(latent: latent, width: width, height: height)
    }
}
