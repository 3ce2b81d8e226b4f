/// Where a shot's keyframe stands.
public enum ShotStatus: Sendable, Equatable {
    /// Not rendered for its current settings.
    case stale
    case rendering(step: Int, of: Int)
    /// A video model is sampling the shot's clip: window `window` (1-based) of `windows`, step `step` of `of`.
    case animating(window: Int, windows: Int, step: Int, of: Int)
    /// On screen and current.
    case ready
    case failed(String)
}

extension ShotStatus {
    /// Whether background work is running for the shot.
    public var isBusy: Bool {
        switch self {
        case .rendering, .animating: return true
        case .stale, .ready, .failed: return false
        }
    }
}
