import Diffusion
import TOML

/// One shot of the cut: what to draw (prompt, seed) and how it plays (duration, camera move).
public struct Shot: Sendable, Equatable {
    public var id: String
    public var title: String?
    public var prompt: String
    /// Overrides the project's default negative prompt when set.
    public var negative: String?
    public var seed: UInt32
    /// Seconds on screen.
    public var duration: Double
    public var camera: CameraMove
    public var action: String
    public var dialogue: String
    public var notes: String
    /// Seeds kept for comparison in the variants grid.
    public var variants: [UInt32]
    public var variationSeed: UInt32?
    public var variationStrength: Double?
    /// img2img: start from the latent of this shot rendered with `compositionPrompt` instead of its own, so a
    /// reworded prompt keeps the earlier layout…
    public var compositionPrompt: String?
    /// …re-denoising this fraction (0…1] of the schedule with the current prompt.
    public var strength: Double?
    public var transition: Transition
    /// Whether the shot's subjects move (`auto`: as the prompt says) or the clip holds one drawing (`none`).
    public var motion: ShotMotion
    /// Overrides the project's drawing rate for this shot.
    public var drawingsPerSecond: Int?
    // Per-shot overrides of the project's render settings.
    public var model: String?
    public var sampler: Sampler?
    public var schedule: Schedule?
    public var steps: Int?
    public var guidance: Double?
    public var width: Int?
    public var height: Int?
    /// Replaces the project's `loras` for this shot (an empty list renders without any).
    public var loras: [LoRAReference]?
    /// Replaces the project's `motion_model` for this shot.
    public var motionModel: String?
    public var motionFrom: MotionSource?
    public var motionStrength: Double?

    /// Keys this version does not know, kept verbatim in file order.
    public var extra: [TOMLEntry]
    /// Comments by key ("" for the table header).
    public var comments: [String: Comments]

    public init(id: String, prompt: String, seed: UInt32, duration: Double = 3, camera: CameraMove = .static,
                action: String = "", dialogue: String = "", notes: String = "") {
        self.id = id
        self.title = nil
        self.prompt = prompt
        self.negative = nil
        self.seed = seed
        self.duration = duration
        self.camera = camera
        self.action = action
        self.dialogue = dialogue
        self.notes = notes
        self.variants = []
        self.variationSeed = nil
        self.variationStrength = nil
        self.compositionPrompt = nil
        self.strength = nil
        self.transition = .cut
        self.motion = .auto
        self.drawingsPerSecond = nil
        self.extra = []
        self.comments = [:]
    }
}
