/// Why a PNG could not be encoded, decoded or read.
public struct PNGError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, where, and what was expected.
    public let message: String

    /// Creates an error with the given message.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "PNG: \(message)" }
}
