/// What a board panel shows of its shot's clip: the key drawing, or the key (first) drawing with the last inset.
public enum BoardFrames: String, CaseIterable, Sendable {
    case key
    case firstLast = "first-last"
}
