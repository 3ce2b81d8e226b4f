import Foundation
import Terminal

/// How the studio draws pictures, decided once at start-up, before ncurses reads the keyboard.
struct StudioGraphics: Equatable {
    var mode: GraphicsMode
    /// Pixels per cell for sizing sixels; 10×20 where the terminal does not say.
    var cellSize: (width: Int, height: Int) = (10, 20)
    var colourRegisters = 256
    var maxGraphicsSize: (width: Int, height: Int)?
    /// Inside tmux with STORYREEL_TMUX_PASSTHROUGH=1: kitty and iTerm2 pictures go to the outer terminal wrapped
    /// (tmux knows neither protocol); sixel is written as is.
    var passthrough = false
    /// 24-bit colour only where the terminal says it has it (COLORTERM or terminfo `RGB`, `ColourMode.detect`, the
    /// same as `show`); the 256-colour palette everywhere else.
    var colourMode: ColourMode = .palette256

    static func == (a: StudioGraphics, b: StudioGraphics) -> Bool {
        a.mode == b.mode && a.cellSize == b.cellSize && a.colourRegisters == b.colourRegisters
            && a.maxGraphicsSize?.width == b.maxGraphicsSize?.width && a.maxGraphicsSize?.height == b.maxGraphicsSize?.height
            && a.passthrough == b.passthrough && a.colourMode == b.colourMode
    }

    /// STORYREEL_GRAPHICS=halfblock asks nothing; otherwise the terminal is probed (one round trip, 300 ms at most)
    /// unless tmux without STORYREEL_TMUX_PASSTHROUGH=1 is in the way, where half-blocks are the answer anyway.
    static func detect(environment: [String: String]) -> StudioGraphics {
        let colours = ColourMode.detect(environment: environment)
        let forced = environment["STORYREEL_GRAPHICS"].flatMap(GraphicsMode.init(rawValue:))
        if forced == .halfblock { return StudioGraphics(mode: .halfblock, colourMode: colours) }
        var environmentOnly = TerminalCapabilities()
        ReplyParser.applyEnvironment(environment, to: &environmentOnly)
        if environmentOnly.insideTmux && forced == nil { return StudioGraphics(mode: .halfblock, colourMode: colours) }
        let caps = TerminalProbe.detect(environment: environment)
        var graphics = StudioGraphics(mode: forced ?? caps.bestMode, colourMode: colours)
        if let cell = caps.cellSize, cell.width > 0, cell.height > 0 { graphics.cellSize = cell }
        graphics.colourRegisters = caps.colourRegisters ?? 256
        graphics.maxGraphicsSize = caps.maxGraphicsSize
        graphics.passthrough = caps.tmuxPassthrough
        return graphics
    }

    /// The pixel size a frame is shown at in a slot: its aspect kept, inside the slot's cells and the terminal's
    /// graphics limit, and a whole number of six-pixel sixel bands, so the last band never reaches the row below.
    func pixelSize(frameWidth: Int, frameHeight: Int, columns: Int, rows: Int) -> (width: Int, height: Int) {
        var boxW = columns * cellSize.width, boxH = rows * cellSize.height
        if let limit = maxGraphicsSize {
            boxW = min(boxW, limit.width)
            boxH = min(boxH, limit.height)
        }
        let k = min(Double(boxW) / Double(max(1, frameWidth)), Double(boxH) / Double(max(1, frameHeight)))
        let width = max(1, min(boxW, Int(Double(frameWidth) * k)))
        let height = max(6, min(boxH, Int(Double(frameHeight) * k)) / 6 * 6)
        return (width, height)
    }
}
