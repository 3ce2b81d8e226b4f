/// What the terminal can show, from its replies and environment.
public struct TerminalCapabilities: Sendable, Equatable {
    public var sixel = false
    /// The terminal answered the kitty graphics query OK (kitty, Ghostty, WezTerm, Konsole).
    public var kitty = false
    /// iTerm2 inline images (OSC 1337 File=): iTerm2 and WezTerm, from XTVERSION or TERM_PROGRAM/LC_TERMINAL.
    public var iterm2 = false
    /// The terminal's name and version from XTVERSION (`ESC P > | name ESC \`), when it answered.
    public var version: String?
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
        a.sixel == b.sixel && a.kitty == b.kitty && a.iterm2 == b.iterm2 && a.version == b.version && a.colourRegisters == b.colourRegisters && a.maxGraphicsSize?.width == b.maxGraphicsSize?.width
            && a.maxGraphicsSize?.height == b.maxGraphicsSize?.height && a.cellSize?.width == b.cellSize?.width
            && a.cellSize?.height == b.cellSize?.height && a.truecolor == b.truecolor && a.insideTmux == b.insideTmux
            && a.tmuxPassthrough == b.tmuxPassthrough && a.answered == b.answered
    }

    /// The best mode the terminal has, in the order kitty > iTerm2 > sixel > half-blocks (kitty's images are placed
    /// once and moved by id; iTerm2's are full-colour PNGs; sixel has a palette); half-blocks where tmux is in the way.
    public var bestMode: GraphicsMode {
        guard !insideTmux else { return .halfblock }
        return kitty ? .kitty : iterm2 ? .iterm2 : sixel ? .sixel : .halfblock
    }
}
