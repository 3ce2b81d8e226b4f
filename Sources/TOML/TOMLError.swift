/// Why TOML text could not be read, and where.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let position: TOMLPosition

    public init(message: String, position: TOMLPosition) {
        self.message = message
        self.position = position
    }

    public var description: String { "\(position): \(message)" }
}
