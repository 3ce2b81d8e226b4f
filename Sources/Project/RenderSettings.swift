import Diffusion

/// The resolved settings one shot renders with.
public struct RenderSettings: Sendable, Equatable {
    public var model: String
    public var sampler: Sampler
    public var schedule: Schedule
    public var steps: Int
    public var guidance: Double
    public var width: Int
    public var height: Int
    public var negative: String
    /// Model loading options (SD only): VAE override, prediction override, merged LoRAs.
    public var vae: String? = nil
    public var prediction: PredictionSetting? = nil
    public var loras: [LoRAReference] = []
    /// The AnimateDiff motion module that animates the shot (SD only), as the project names it.
    public var motionModel: String? = nil
    public var motionFrom: MotionSource = .key
    /// How much of the schedule an image-to-video clip re-runs from its key drawing.
    public var motionStrength: Double = RenderSettings.defaultMotionStrength

    public static let defaultMotionStrength = 0.5
}
