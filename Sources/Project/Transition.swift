/// How a shot begins in the animatic.
public enum Transition: String, CaseIterable, Sendable {
    case cut
    /// A cross-dissolve from the previous shot, half a second or half the shorter shot.
    case dissolve
}
