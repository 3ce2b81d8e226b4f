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

    /// The first `head` and last `tail` bytes of the regular file at `path` (overlapping for a small file), for
    /// checks that need a file's header and its end but not what lies between.
    public static func readEnds(_ path: String, head: Int, tail: Int) throws(StorageError) -> (head: [UInt8], tail: [UInt8]) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw StorageError(path: path, errno: errno, doing: "open") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw StorageError(path: path, errno: errno, doing: "inspect") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw StorageError(path: path, reason: "not a regular file") }
        let size = Int(info.st_size)
        func read(at offset: Int, count: Int) throws(StorageError) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: count)
            var got = 0
            while got < count {
                let n = bytes.withUnsafeMutableBytes { raw in pread(fd, raw.baseAddress! + got, count - got, off_t(offset + got)) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw StorageError(path: path, errno: errno, doing: "read")
                }
                if n == 0 { break }
                got += n
            }
            return Array(bytes.prefix(got))
        }
        let headCount = min(head, size), tailCount = min(tail, size)
        return (try read(at: 0, count: headCount), try read(at: size - tailCount, count: tailCount))
    }

    /// Whether a file or folder exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}
