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

    /// The outputs, parsed where the studio's `:export` parses them.
    @OptionGroup var outputs: ExportArguments

    func run() throws {
        let options: ExportOptions
        do {
            options = try outputs.options()
        } catch {
            throw Console.fail(error.message, code: 2)
        }
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
                        Console.redraw("\(name) \(bar) \(done)/\(total)\(eta)")
                    } else if name != lastStage || done == total {
                        Console.err("\(name): \(done)/\(total)")
                    }
                    lastStage = name
                case .wrote(let path):
                    if live { Console.redraw("") }
                    Console.err("wrote \(path)")
                case .warning(let text):
                    Console.err("storyreel: warning: \(text)")
                }
            }
            if live { Console.redraw("") }
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
