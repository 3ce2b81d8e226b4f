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
    /// Version of the code that turns a key drawing into a clip; part of every clip key.
    var motionImplementation: String { get }
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
    /// The noise levels of a run with `sampler`, whose native schedule may be its own (lcm, tcd).
    func sigmas(steps: Int, schedule: Schedule, sampler: Sampler) -> [Float]
    /// Where a `tcd` run over `sigmas` lands before each re-noising (the model's own time, see `TCDPlan`).
    func tcdPlan(sigmas: [Float]) -> TCDPlan
    /// A fresh denoiser.
    func makeDenoiser() -> any Denoiser
    /// Draws the final frame for a latent.
    func decode(latent: [Float], width: Int, height: Int) throws -> Frame
    /// Draws a step preview of an x0 estimate, as fast as the model allows (TAESD for SD checkpoints).
    func decodePreview(latent: [Float], width: Int, height: Int) throws -> Frame
    /// The motion of the shot's clip from its key drawing's latent, in the model's cached form; nil when nothing in
    /// the shot moves (the clip is its key drawing).
    func motion(keyLatent: [Float], seed: UInt32, drawingsPerSecond: Int, width: Int, height: Int) -> [Float]?
    /// Reads a cached motion back; nil when it is not this prompt's.
    func verifiedMotion(_ values: [Float]) -> [Float]?
    /// Draws drawing `index` (0-based; 0 is the key drawing) of a clip.
    func decodeDrawing(_ index: Int, keyLatent: [Float], motion: [Float], width: Int, height: Int) throws -> Frame
    /// Each travelling subject's path over `drawings` drawings, as points in 0...1 of the frame, for board arrows.
    func motionPaths(keyLatent: [Float], motion: [Float], drawings: Int, width: Int, height: Int) -> [[(Double, Double)]]
}

extension ShotModel {
    public var loraKeys: [String] { [] }
}

extension PreparedPrompt {
    public func sigmas(steps: Int, schedule: Schedule, sampler: Sampler) -> [Float] {
        sigmas(steps: steps, schedule: schedule)
    }

    /// Models whose time is sigma itself: sigma_s = (1 − gamma)·sigma_next.
    public func tcdPlan(sigmas: [Float]) -> TCDPlan { .continuous(sigmas: sigmas) }

    public func decodePreview(latent: [Float], width: Int, height: Int) throws -> Frame {
        try decode(latent: latent, width: width, height: height)
    }

    /// Models without motion make one-drawing clips: the key drawing.
    public func motion(keyLatent: [Float], seed: UInt32, drawingsPerSecond: Int, width: Int, height: Int) -> [Float]? { nil }
    public func verifiedMotion(_ values: [Float]) -> [Float]? { nil }
    public func decodeDrawing(_ index: Int, keyLatent: [Float], motion: [Float], width: Int, height: Int) throws -> Frame {
        try decode(latent: keyLatent, width: width, height: height)
    }
    public func motionPaths(keyLatent: [Float], motion: [Float], drawings: Int, width: Int, height: Int) -> [[(Double, Double)]] { [] }
}

extension ShotModel {
    public var motionImplementation: String { "still" }
}
