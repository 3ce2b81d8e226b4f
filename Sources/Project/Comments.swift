/// Comments a user wrote around a key, kept so a save does not drop them.
public struct Comments: Sendable, Equatable {
    public var leading: [String]
    public var trailing: String?

    public init(leading: [String] = [], trailing: String? = nil) {
        self.leading = leading
        self.trailing = trailing
    }

    public var isEmpty: Bool { leading.isEmpty && trailing == nil }
}
