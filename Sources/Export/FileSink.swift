#if canImport(Glibc)
import Glibc
#endif
import Storage

/// An open file that cairo streams into. It keeps the first write error, so a failed PDF can say why (cairo's own
/// status only says "error while writing to output stream").
final class FileSink {
    let fd: Int32
    /// errno of the first failed write or flush; 0 while all is well.
    private(set) var error: Int32 = 0

    /// Creates (or truncates) `path` for writing.
    init(creating path: String) throws(StorageError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        // Thrown before `fd` is stored, so deinit does not run and cannot overwrite errno with close(-1).
        guard fd >= 0 else { throw StorageError(path: path, errno: errno, doing: "create") }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Writes all of `bytes`; false (and the error kept) when the file system refuses.
    func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard error == 0 else { return false }
        error = FileWriter.writeAll(fd, bytes)
        return error == 0
    }

    /// Flushes to disk: a full disk can surface only here.
    func sync() -> Bool {
        guard error == 0 else { return false }
        if fsync(fd) != 0 {
            error = errno
            return false
        }
        return true
    }
}
