/// How images are drawn, best first: the kitty graphics protocol, iTerm2 inline images, sixel, half-block cells.
public enum GraphicsMode: String, Sendable, CaseIterable {
    case kitty, iterm2, sixel, halfblock

    /// The spellings `STORYREEL_GRAPHICS` and `show --mode` take.
    public static var names: String { allCases.map(\.rawValue).joined(separator: "|") }
}
