import Diffusion

/// The built-in, weight-free model: constants shared by every sketch render.
public enum SketchModel {
    /// Model id in project files and render keys.
    public static let id = "sketch"
    /// Bumped whenever the compiler, mixture, framing or painters change pixels, so stale cache entries miss.
    public static let version = "sketch-3"
    /// Bumped whenever the motion planner or the tracks change a clip's drawings; part of every clip key.
    public static let motionVersion = "sketch-motion-2"
    /// Noise range of the sketch latent (its variants span about -1...1).
    public static let sigmaMax = 10.0
    public static let sigmaMin = 0.004

    /// The sigma schedule for a run.
    public static func sigmas(steps: Int, schedule: Schedule) -> [Float] {
        switch schedule {
        case .karras: return Sigmas.karras(steps: steps, sigmaMin: sigmaMin, sigmaMax: sigmaMax)
        case .native: return Sigmas.logLinear(steps: steps, sigmaMin: sigmaMin, sigmaMax: sigmaMax)
        }
    }
}
