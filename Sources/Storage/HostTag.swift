#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Eight hex digits naming this machine in temporary file names (`.NAME.tmp-PID@HOST-XXXXXX`), so a project on
/// shared storage that several machines write (a render farm) can tell a temporary a process here left from one a
/// process on another host is still writing: a pid only means something on the host that issued it.
public enum HostTag {
    /// This machine's tag: FNV-1a of its host name.
    public static let current: String = {
        var name = [CChar](repeating: 0, count: 256)
        let host = gethostname(&name, name.count) == 0 ? String(decoding: name.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self) : "unknown"
        return tag(for: host)
    }()

    /// The tag of a host name.
    public static func tag(for host: String) -> String {
        var h: UInt32 = 0x811c_9dc5
        for b in host.utf8 { h = (h ^ UInt32(b)) &* 0x0100_0193 }
        let digits = String(h, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
