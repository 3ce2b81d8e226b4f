import Foundation
import Storage
import Studio

/// `.storyreel/recovery.json`: the text of the field edit in progress, written atomically at most every 300 ms while
/// one is, removed when it is committed or cancelled. Committed edits are saved at once; this keeps the typing a
/// crash, `kill -9` or a lost terminal would otherwise take with it.
final class RecoveryFile: RecoveryStore {
    let path: String
    /// The longest typing a crash can lose, and the shortest gap between two writes.
    static let interval = 0.3
    /// What the next write puts on disk.
    private var pending: RecoveredEdit?
    private var lastWrite = -Double.infinity
    /// Why the last write failed, once, for the status bar.
    private(set) var failure: String?

    init(folder: String) {
        path = folder + "/.storyreel/recovery.json"
    }

    /// The edit a previous session left, if its file is there and reads.
    func read() -> RecoveredEdit? {
        guard let bytes = try? FileReader.read(path, limit: 1 << 20) else { return nil }
        return try? JSONDecoder().decode(RecoveredEdit.self, from: Data(bytes))
    }

    /// Keeps `edit`: written now if the last write is old enough, else by `tick` when it is.
    func keep(_ edit: RecoveredEdit, now: Double) {
        pending = edit
        tick(now: now)
    }

    /// Writes what is pending once the interval since the last write has passed (the run loop calls this often).
    func tick(now: Double) {
        guard pending != nil, now - lastWrite >= RecoveryFile.interval else { return }
        flush()
        lastWrite = now
    }

    /// Writes what is pending at once (the studio is about to exit).
    func flush() {
        guard let edit = pending else { return }
        pending = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            try AtomicFile.write(Array(try encoder.encode(edit)) + [0x0A], to: path)
        } catch {
            failure = "could not keep the edit for recovery: \(error)"
        }
    }

    /// The edit is over: nothing pending, no file.
    func drop() {
        pending = nil
        unlink(path)
    }

    /// Takes the last failure, so it is reported once.
    func takeFailure() -> String? {
        defer { failure = nil }
        return failure
    }
}
