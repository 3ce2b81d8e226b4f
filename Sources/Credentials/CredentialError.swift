/// Why credentials could not be made, loaded or embedded; the message names the file concerned.
public struct CredentialError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
