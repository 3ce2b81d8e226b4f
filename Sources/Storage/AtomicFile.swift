#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old or the new contents, never a mix:
/// a temporary file in the same folder, fsync, rename over the target, fsync of the folder.
///
/// The temporary file is `.NAME.tmp-PID@HOST-XXXXXX`: the writer's pid and host tag in the name let a later run
/// tell what a killed writer left behind from what a live one, here or on another machine, is still writing.
public enum AtomicFile {
    /// Replaces `path` with `bytes`. On failure the previous file is untouched and no temporary file is left.
    public static func write(_ bytes: [UInt8], to path: String, permissions: mode_t = 0o644) throws(StorageError) {
        let folder = parentFolder(of: path)
        var isDir = stat()
        guard stat(folder, &isDir) == 0, (isDir.st_mode & S_IFMT) == S_IFDIR else {
            throw StorageError(path: path, reason: "the folder \(folder) does not exist")
        }
        var template = Array("\(folder)/.\(baseName(of: path)).tmp-\(getpid())@\(HostTag.current)-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw StorageError(path: path, errno: errno, doing: "create a temporary file in \(folder)") }
        let tempPath = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var closed = false
        func fail(_ doing: String) -> StorageError {
            let error = StorageError(path: path, errno: errno, doing: doing)
            if !closed { close(fd) }
            unlink(tempPath)
            return error
        }
        let failed = FileWriter.writeAll(fd, bytes)
        if failed != 0 {
            errno = failed
            throw fail("write")
        }
        if fchmod(fd, permissions) != 0 { throw fail("set permissions on") }
        if fsync(fd) != 0 { throw fail("flush") }
        closed = true
        if close(fd) != 0 { throw fail("close") }
        if rename(tempPath, path) != 0 { throw fail("replace") }
        // The rename is durable only once the folder entry is on disk.
        let dirfd = open(folder, O_RDONLY | O_DIRECTORY)
        if dirfd >= 0 {
            _ = fsync(dirfd)
            close(dirfd)
        }
    }

    /// Replaces `path` with the UTF-8 encoding of `text`.
    public static func write(_ text: String, to path: String) throws(StorageError) {
        try write(Array(text.utf8), to: path)
    }

    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
