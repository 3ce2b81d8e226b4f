#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock on a project folder (`.storyreel/lock`), so the studio and a `render` from another shell do not
/// write the same files at once. The kernel drops the lock when the holder exits, even on SIGKILL, so a crash never
/// leaves a project locked.
public final class ProjectLock {
    private let fd: Int32
    public let path: String

    /// Takes the lock or throws, naming who holds it. `purpose` is shown to whoever is turned away.
    public init(folder: String, purpose: String) throws(StorageError) {
        let dir = folder + "/.storyreel"
        if mkdir(dir, 0o755) != 0 && errno != EEXIST {
            throw StorageError(path: dir, errno: errno, doing: "create")
        }
        path = dir + "/lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StorageError(path: path, errno: errno, doing: "open the project lock") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = ProjectLock.readHolder(fd)
            close(fd)
            throw StorageError(path: folder, reason: "the project is in use by \(holder.isEmpty ? "another storyreel" : holder); try again when it finishes")
        }
        let note = Array("pid \(getpid()) (\(purpose))\n".utf8)
        _ = ftruncate(fd, 0)
        _ = note.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }

    private static func readHolder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 200)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return "" }
        return String(decoding: buffer[0..<n], as: UTF8.self).trimmingNewlines()
    }
}

extension String {
    fileprivate func trimmingNewlines() -> String {
        var s = Substring(self)
        while s.last == "\n" || s.last == "\r" { s.removeLast() }
        return String(s)
    }
}
