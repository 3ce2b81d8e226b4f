import TOML

/// A storyboard project: the contents of `storyboard.toml`.
public struct Project: Sendable, Equatable {
    public var title: String
    public var client: String
    public var width: Int
    public var height: Int
    public var fps: Double
    /// "sketch" (built in) or "sd:PATH" (a diffusers folder the user points to).
    public var model: String
    /// Drawings per second of every clip (6, 8, 12 or 24): each drawing is held `fps / drawingsPerSecond` frames.
    public var drawingsPerSecond: Int
    /// A VAE to decode with instead of the checkpoint's (file or folder, relative to the project).
    public var vae: String?
    /// Overrides what the checkpoint says its UNet predicts.
    public var prediction: PredictionSetting?
    /// An AnimateDiff motion module (folder or .safetensors, relative to the project) that animates every `sd:`
    /// shot that does not name its own.
    public var motionModel: String?
    /// LoRAs merged into the model for every shot that does not name its own.
    public var loras: [LoRAReference] = []
    /// Render cache size cap in MiB.
    public var cacheLimitMB: Int
    public var defaults: RenderDefaults
    public var shots: [Shot]

    /// Top-level keys and tables this version does not know, kept verbatim.
    public var extra: [TOMLEntry]
    /// Comments by top-level key; "" holds the file's trailing comments.
    public var comments: [String: Comments]

    public static let defaultWidth = 1024
    public static let defaultHeight = 576
    /// "On twos" at 24 fps, the usual rate of hand-drawn animation.
    public static let defaultDrawingsPerSecond = 12
    /// The rates animators draw at: on fours, threes, twos and ones at 24 fps.
    public static let drawingRates = [6, 8, 12, 24]
    /// "On threes" at 24 fps: the rate AnimateDiff's motion modules were trained at (16 drawings are 2 s).
    public static let videoDrawingsPerSecond = 8

    /// The drawing rate a shot's clip is drawn at: its own, else the project's, except that a video-model shot
    /// under the project's default rate is drawn at the motion modules' own 8.
    public func drawingsPerSecond(for shot: Shot) -> Int {
        if let own = shot.drawingsPerSecond { return own }
        if motionModel(for: shot) != nil, drawingsPerSecond == Project.defaultDrawingsPerSecond { return Project.videoDrawingsPerSecond }
        return drawingsPerSecond
    }

    /// The motion module a shot is animated with, if any (`motion = "none"` holds it still whatever it names).
    public func motionModel(for shot: Shot) -> String? {
        guard shot.motion != .none else { return nil }
        return shot.motionModel ?? motionModel
    }

    /// How many drawings a shot's clip has: enough to cover its duration (at least one).
    public func drawingCount(for shot: Shot) -> Int {
        max(1, Int((shot.duration * Double(drawingsPerSecond(for: shot)) - 1e-9).rounded(.up)))
    }

    public init(title: String, client: String = "", width: Int = Project.defaultWidth, height: Int = Project.defaultHeight,
                fps: Double = 24, model: String = "sketch", shots: [Shot] = []) {
        self.title = title
        self.client = client
        self.width = width
        self.height = height
        self.fps = fps
        self.model = model
        self.cacheLimitMB = 1024
        self.drawingsPerSecond = Project.defaultDrawingsPerSecond
        self.defaults = RenderDefaults()
        self.shots = shots
        self.extra = []
        self.comments = [:]
    }

    /// The shot with this id.
    public func shot(id: String) -> Shot? { shots.first { $0.id == id } }

    /// The settings a shot renders with: its overrides over the project's defaults.
    public func renderSettings(for shot: Shot) -> RenderSettings {
        RenderSettings(
            model: shot.model ?? model,
            sampler: shot.sampler ?? defaults.sampler,
            schedule: shot.schedule ?? defaults.schedule,
            steps: shot.steps ?? defaults.steps,
            guidance: shot.guidance ?? defaults.guidance,
            width: shot.width ?? width,
            height: shot.height ?? height,
            negative: shot.negative ?? defaults.negative,
            vae: vae,
            prediction: prediction,
            loras: shot.loras ?? loras,
            motionModel: motionModel(for: shot),
            motionFrom: shot.motionFrom ?? .key,
            motionStrength: shot.motionStrength ?? RenderSettings.defaultMotionStrength)
    }

    /// Total running time of the cut in seconds.
    public var runningTime: Double { shots.reduce(0) { $0 + $1.duration } }
}
