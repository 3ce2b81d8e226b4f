import ArgumentParser
import Foundation
import Imaging
import Storage
import Terminal

/// `storyreel show IMAGE.png`: an image in the terminal, as sixel or half-blocks.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a PNG in the terminal (sixel where the terminal has it, else half-blocks).",
        discussion: "STORYREEL_GRAPHICS=halfblock|sixel overrides the detected mode. Half-blocks use 24-bit colour where COLORTERM is truecolor or 24bit or terminfo has RGB, else 256 colours. When output is redirected, half-blocks in 24-bit colour are written. Inside tmux, sixel is used only with STORYREEL_TMUX_PASSTHROUGH=1 (and tmux's allow-passthrough on); it is then wrapped for the outer terminal.")

    @Argument(help: "The PNG to show.")
    var image: String

    @Option(help: "auto, sixel or halfblock.")
    var mode: String = "auto"

    @Option(help: "Width in terminal columns (default: the terminal's).")
    var cols: Int?

    @Option(help: "Height in terminal rows (default: the terminal's, less one).")
    var rows: Int?

    func run() throws {
        guard ["auto", "sixel", "halfblock"].contains(mode) else {
            throw Console.fail("unknown mode '\(mode)'; expected auto, sixel or halfblock", code: 2)
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
        var size = winsize()
        let haveSize = interactive && ioctl(1, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0
        let maxColumns = cols ?? (haveSize ? Int(size.ws_col) : 80)
        let maxRows = rows ?? (haveSize ? max(1, Int(size.ws_row) - 1) : 24)
        var chosen = mode == "auto" ? (interactive ? caps.bestMode : .halfblock) : GraphicsMode(rawValue: mode) ?? .halfblock
        if mode == "auto", let forced = environment["STORYREEL_GRAPHICS"].flatMap(GraphicsMode.init(rawValue:)) { chosen = forced }
        let cell = CellImage.fit(frameWidth: frame.width, frameHeight: frame.height, maxColumns: maxColumns, maxRows: maxRows)
        var out: [UInt8]
        switch chosen {
        case .halfblock:
            // Redirected output has no terminal to ask, so it keeps every colour; a terminal gets what it says it shows.
            let colour: ColorMode = interactive ? ColorMode.detect(environment: environment) : .truecolor
            out = HalfBlockEncoder(colorMode: colour).encodeInline(CellImage(frame: frame, columns: cell.columns, rows: cell.rows))
        case .sixel:
            let size = SixelGeometry.size(columns: cell.columns, rows: cell.rows, cellSize: caps.cellSize ?? (10, 20),
                                          limit: caps.maxGraphicsSize)
            out = SixelEncoder(maxColours: caps.colourRegisters ?? 256).encode(frame.resampled(width: size.width, height: size.height))
            // Inside tmux with passthrough on, tmux must hand the sixel to the outer terminal untouched.
            if caps.tmuxPassthrough { out = TmuxPassthrough.wrap(out) }
            out += [0x0A]
        }
        Console.writeRaw(out, to: 1)
    }
}
