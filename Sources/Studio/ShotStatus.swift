/// Where a shot's keyframe stands.
public enum ShotStatus: Sendable, Equatable {
    /// Not rendered for its current settings.
    case stale
    case rendering(step: Int, of: Int)
    /// On screen and current.
    case ready
    case failed(String)
}
