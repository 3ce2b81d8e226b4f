/// A Stable Diffusion model that could not be loaded or run, in words for the user (file, what, what was expected).
public struct SDError: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
