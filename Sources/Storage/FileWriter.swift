#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to file descriptors: the one loop that retries interrupted and short writes.
public enum FileWriter {
    /// Writes all of `bytes` to `fd`, again after EINTR and after short writes. 0 when everything went, else the
    /// errno of the write that failed (EIO for a write that wrote nothing and gave no reason).
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard let base = bytes.baseAddress else { return 0 }
        var done = 0
        while done < bytes.count {
            let n = write(fd, base + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            done += n
        }
        return 0
    }

    /// Writes all of `bytes` to `fd`; see `writeAll(_:_:)`.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBytes { writeAll(fd, $0) }
    }
}
