import ArgumentParser
import Export
import Foundation
import Project
import Render
import Storage

/// `storyreel export DIR --pdf board.pdf --mp4 cut.mp4 …`
struct ExportProject: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write storyboards, keyframes, the animatic and editorial timelines.",
        discussion: "Stale shots are rendered first (through the cache). Each output is replaced atomically and gets a FILE.manifest.json with the SHA-256 of every file written.")

    @Argument(help: "The project folder.")
    var folder: String = "."

    @Option(help: "A storyboard PDF.") var pdf: String?
    @Option(help: "The board as one PNG contact sheet.") var sheet: String?
    @Option(help: "A folder for the keyframes as PNGs named in cut order.") var frames: String?
    @Option(help: "The animatic as H.264 MP4 (needs ffmpeg).") var mp4: String?
    @Option(help: "The animatic as an animated GIF (needs ffmpeg).") var gif: String?
    @Option(help: "An OpenTimelineIO timeline.") var otio: String?
    @Option(help: "A CMX 3600 EDL.") var edl: String?
    @Option(help: "Board layout: 2x3, 3x2, 3x3 or 1up.") var layout: String = "3x2"
    @Flag(help: "Burn shot id and timecode into the animatic.") var burnIn = false
    @Option(help: "A temp audio track for the MP4.") var audio: String?
    @Option(help: "Version label in the board's title block.") var version: String = "v1"

    func run() throws {
        guard let boardLayout = BoardLayout(rawValue: layout) else {
            throw Console.fail("unknown layout '\(layout)'; expected one of \(BoardLayout.allCases.map(\.rawValue).joined(separator: ", "))", code: 2)
        }
        var options = ExportOptions()
        options.pdf = pdf; options.sheet = sheet; options.framesFolder = frames; options.mp4 = mp4; options.gif = gif
        options.otio = otio; options.edl = edl; options.layout = boardLayout; options.burnIn = burnIn; options.audio = audio
        options.version = version
        let project = try Console.loadProject(folder)
        let lock = try Console.lockProject(folder, purpose: "storyreel export")
        defer { withExtendedLifetime(lock) {} }
        let cancel = CancellationFlag()
        let interrupt = InterruptHandler { cancel.cancel() }
        defer { interrupt.restore() }
        let live = Console.stderrIsTerminal
        let started = Date()
        var lastStage = ""
        do {
            let written = try Exporter(folder: folder, project: project).run(options, cancel: cancel) { event in
                switch event {
                case .stage(let name, let done, let total):
                    if live {
                        let elapsed = Date().timeIntervalSince(started)
                        let eta = done > 0 ? " ETA \(Int((elapsed / Double(done) * Double(total - done)).rounded())) s" : ""
                        let width = 24, filled = width * done / max(1, total)
                        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
                        FileHandle.standardError.write(Data("\r\u{1B}[2K\(name) \(bar) \(done)/\(total)\(eta)".utf8))
                    } else if name != lastStage || done == total {
                        Console.err("\(name): \(done)/\(total)")
                    }
                    lastStage = name
                case .wrote(let path):
                    if live { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
                    Console.err("wrote \(path)")
                case .warning(let text):
                    Console.err("storyreel: warning: \(text)")
                }
            }
            if live { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
            Console.out("Exported \(written.count) files in \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
        } catch is CancellationError {
            throw Console.fail("interrupted; the file being written was removed", code: 130)
        } catch let error as ExportError {
            throw Console.fail(error.message, code: 1)
        } catch let error as RenderError {
            throw Console.fail(error.message, code: 1)
        } catch let error as StorageError {
            throw Console.fail(error.description, code: 1)
        }
    }
}
