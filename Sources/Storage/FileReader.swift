#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole regular files with a size cap, so a FIFO, a folder or a huge file is an error, not a hang.
public enum FileReader {
    /// The bytes of the regular file at `path`, refusing files over `limit` bytes.
    public static func read(_ path: String, limit: Int = 256 << 20) throws(StorageError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw StorageError(path: path, errno: errno, doing: "open") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw StorageError(path: path, errno: errno, doing: "inspect") }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw StorageError(path: path, reason: "not a regular file")
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            throw StorageError(path: path, reason: "file is \(size) bytes, more than the \(limit)-byte limit")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var got = 0
        while got < size {
            let n = bytes.withUnsafeMutableBytes { raw in Glibc.read(fd, raw.baseAddress! + got, size - got) }
            if n < 0 {
                if errno == EINTR { continue }
                throw StorageError(path: path, errno: errno, doing: "read")
            }
            if n == 0 { break }
            got += n
        }
        if got < size { bytes.removeLast(size - got) }
        return bytes
    }

    /// Whether a file or folder exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}
