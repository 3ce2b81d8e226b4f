#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file operation that failed, with the path and the reason in words.
public struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// Builds the reason from an errno value, e.g. "cannot write: No space left on device".
    public init(path: String, errno code: Int32, doing: String) {
        self.path = path
        self.reason = "cannot \(doing): \(String(cString: strerror(code)))"
    }

    public var description: String { "\(path): \(reason)" }
}
