import ArgumentParser
import Foundation
import Imaging
import Storage
import Terminal

/// `storyreel show IMAGE.png`: an image in the terminal, as kitty graphics, an iTerm2 inline image, sixel or half-blocks.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a PNG in the terminal (kitty graphics, iTerm2 inline image or sixel where the terminal has it, else half-blocks).",
        discussion: "STORYREEL_GRAPHICS=kitty|iterm2|sixel|halfblock overrides the detected mode (preferred in that order). Half-blocks use 24-bit colour where COLORTERM is truecolor or 24bit or terminfo has RGB, else 256 colours. When output is not a terminal, half-blocks in 24-bit colour are written, at the picture's own size unless --cols/--rows say otherwise. Inside tmux, pictures other than half-blocks are used only with STORYREEL_TMUX_PASSTHROUGH=1 (and tmux's allow-passthrough on); they are then wrapped for the outer terminal.")

    @Argument(help: "The PNG to show.")
    var image: String

    @Option(help: "auto, kitty, iterm2, sixel or halfblock.")
    var mode: String = "auto"

    @Option(help: "Width in terminal columns (default: the terminal's; without a terminal, the picture's own width).")
    var cols: Int?

    @Option(help: "Height in terminal rows (default: the terminal's, less one; without a terminal, the picture's own).")
    var rows: Int?

    func run() throws {
        guard mode == "auto" || GraphicsMode(rawValue: mode) != nil else {
            throw Console.fail("unknown mode '\(mode)'; expected auto, kitty, iterm2, sixel or halfblock", code: 2)
        }
        if let cols, cols < 1 { throw Console.fail("--cols must be at least 1", code: 2) }
        if let rows, rows < 1 { throw Console.fail("--rows must be at least 1", code: 2) }
        let frame: Frame
        do {
            frame = try PNGDecoder.decode(FileReader.read(image, limit: 256 << 20)).frame
        } catch let error as StorageError {
            throw Console.fail(error.description, code: 2)
        } catch {
            throw Console.fail("\(image): \(error)", code: 2)
        }
        let environment = ProcessInfo.processInfo.environment
        let interactive = isatty(1) == 1
        let caps = interactive ? TerminalProbe.detect(environment: environment) : TerminalCapabilities()
        var chosen = mode == "auto" ? (interactive ? caps.bestMode : .halfblock) : GraphicsMode(rawValue: mode) ?? .halfblock
        if mode == "auto", let forced = environment["STORYREEL_GRAPHICS"].flatMap(GraphicsMode.init(rawValue:)) { chosen = forced }
        let out: [UInt8]
        do {
            out = try encode(frame, as: chosen, caps: caps, interactive: interactive, environment: environment)
        } catch {
            throw Console.fail("\(image): \(error)", code: 1)
        }
        Console.writeRaw(out, to: 1)
    }

    /// The bytes that show `frame` in `mode`: fitted to the terminal (or --cols/--rows), or, with no terminal to
    /// fit and no size asked for, at the picture's own size (one pixel per half-block, or every pixel).
    func encode(_ frame: Frame, as mode: GraphicsMode, caps: TerminalCapabilities, interactive: Bool,
                environment: [String: String]) throws -> [UInt8] {
        var size = winsize()
        let haveSize = interactive && ioctl(1, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0
        let ownSize = !haveSize && cols == nil && rows == nil
        let maxColumns = cols ?? (haveSize ? Int(size.ws_col) : 80)
        let maxRows = rows ?? (haveSize ? max(1, Int(size.ws_row) - 1) : 24)
        let cell = ownSize ? (columns: frame.width, rows: (frame.height + 1) / 2)
            : CellImage.fit(frameWidth: frame.width, frameHeight: frame.height, maxColumns: maxColumns, maxRows: maxRows)
        if mode == .halfblock {
            // Redirected output has no terminal to ask, so it keeps every colour; a terminal gets what it says it shows.
            let colour: ColourMode = interactive ? ColourMode.detect(environment: environment) : .truecolor
            return HalfBlockEncoder(colourMode: colour).encodeInline(CellImage(frame: frame, columns: cell.columns, rows: cell.rows))
        }
        // XTSMGRAPHICS's limit is sixel's own; kitty and iTerm2 scale nothing and have none.
        let pixels = ownSize ? (width: frame.width, height: frame.height)
            : SixelGeometry.size(columns: cell.columns, rows: cell.rows, cellSize: caps.cellSize ?? (10, 20),
                                 limit: mode == .sixel ? caps.maxGraphicsSize : nil)
        let picture = (pixels.width, pixels.height) == (frame.width, frame.height) ? frame : frame.resampled(width: pixels.width, height: pixels.height)
        var out: [UInt8]
        switch mode {
        case .kitty: out = try KittyGraphics.display(picture)
        case .iterm2: out = try ITermImage.encode(picture)
        default: out = SixelEncoder(maxColours: caps.colourRegisters ?? 256).encode(picture)
        }
        // Inside tmux with passthrough on, tmux must hand the picture to the outer terminal untouched.
        if caps.tmuxPassthrough { out = TmuxPassthrough.wrap(out) }
        return out + [0x0A]
    }
}
