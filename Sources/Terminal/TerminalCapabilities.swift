/// What the terminal can show, from its replies and environment.
public struct TerminalCapabilities: Sendable, Equatable {
    public var sixel = false
    /// Colour registers for sixel (XTSMGRAPHICS), when reported.
    public var colourRegisters: Int?
    /// Largest sixel image in pixels (XTSMGRAPHICS), when reported.
    public var maxGraphicsSize: (width: Int, height: Int)?
    /// Pixels per character cell (TIOCGWINSZ or CSI 16 t), when known.
    public var cellSize: (width: Int, height: Int)?
    public var truecolor = false
    /// Inside tmux without passthrough: sixel is off, since tmux would swallow or mangle it.
    public var insideTmux = false
    /// Inside tmux with STORYREEL_TMUX_PASSTHROUGH=1: queries and sixels are wrapped for the outer terminal.
    public var tmuxPassthrough = false
    /// Whether the terminal answered the primary device attributes query at all.
    public var answered = false

    public init() {}

    public static func == (a: TerminalCapabilities, b: TerminalCapabilities) -> Bool {
        a.sixel == b.sixel && a.colourRegisters == b.colourRegisters && a.maxGraphicsSize?.width == b.maxGraphicsSize?.width
            && a.maxGraphicsSize?.height == b.maxGraphicsSize?.height && a.cellSize?.width == b.cellSize?.width
            && a.cellSize?.height == b.cellSize?.height && a.truecolor == b.truecolor && a.insideTmux == b.insideTmux
            && a.tmuxPassthrough == b.tmuxPassthrough && a.answered == b.answered
    }

    /// The best mode: sixel when the terminal has it (and tmux is not in the way), else half-blocks.
    public var bestMode: GraphicsMode { sixel && !insideTmux ? .sixel : .halfblock }
}

/// How images are drawn.
public enum GraphicsMode: String, Sendable, CaseIterable {
    case sixel, halfblock
}
