/// Whether a shot's clip moves: `auto` animates what the prompt says moves; `none` holds the key drawing.
public enum ShotMotion: String, CaseIterable, Sendable {
    case auto
    case none
}
