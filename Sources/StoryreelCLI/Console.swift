import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Project
import Render
import SafeText
import Storage

/// Writing to the terminal: stdout for results, stderr for progress, warnings and errors.
enum Console {
    static func out(_ text: String) {
        write(text + "\n", to: 1)
    }

    static func err(_ text: String) {
        write(text + "\n", to: 2)
    }

    /// Writes `text` made safe for a terminal (`TerminalText`: our own newlines kept, every other control character
    /// shown as an escape), what it can, and gives up quietly: FileHandle traps on a write error, and the studio says
    /// "Saved" to a terminal that may already be gone (SIGHUP).
    static func write(_ text: String, to fd: Int32) {
        writeRaw(Array(TerminalText.sanitised(text, keepingNewlines: true).utf8), to: fd)
    }

    /// A progress line redrawn in place on a terminal: our own `\r` and erase-line, then the text made safe.
    static func redraw(_ text: String) {
        writeRaw(Array("\r\u{1B}[2K".utf8) + Array(TerminalText.sanitised(text).utf8), to: 2)
    }

    /// Bytes as they are: only for sequences we made ourselves (images, our own control sequences).
    static func writeRaw(_ bytes: [UInt8], to fd: Int32) {
        _ = FileWriter.writeAll(fd, bytes)
    }

    /// Whether stderr is a terminal (progress lines redraw in place only there).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Prints `storyreel: error: …` and exits with `code` (2: bad input, 1: the work failed).
    static func fail(_ message: String, code: Int32) -> ExitCode {
        err("storyreel: error: \(message)")
        return ExitCode(code)
    }

    /// Loads a project, printing warnings; bad project files exit with status 2.
    static func loadProject(_ folder: String) throws -> Project {
        do {
            let (project, warnings) = try ProjectFile.load(folder: folder)
            for w in warnings { err("storyreel: warning: \(w)") }
            return project
        } catch {
            throw fail(error.description, code: 2)
        }
    }

    /// Takes the project's lock for a command; another writer gets one clear message and status 1.
    static func lockProject(_ folder: String, purpose: String) throws -> ProjectLock {
        let lock: ProjectLock
        do {
            lock = try ProjectLock(folder: folder, purpose: purpose)
        } catch {
            throw fail(error.description, code: 1)
        }
        // Holding the lock, nobody else is mid-write: what a killed run left half-written can go.
        LeftoverSweeper.sweep(projectFolder: folder)
        return lock
    }
}
