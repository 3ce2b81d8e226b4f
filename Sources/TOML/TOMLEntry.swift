/// One key of a table with its value and the comments written around it.
public struct TOMLEntry: Sendable, Equatable {
    public var key: String
    public var keyPosition: TOMLPosition
    public var node: TOMLNode
    /// Full-line comments just above the key, each with its `#`.
    public var leadingComments: [String]
    /// A comment after the value on the same line.
    public var trailingComment: String?

    public init(key: String, keyPosition: TOMLPosition, node: TOMLNode, leadingComments: [String] = [], trailingComment: String? = nil) {
        self.key = key
        self.keyPosition = keyPosition
        self.node = node
        self.leadingComments = leadingComments
        self.trailingComment = trailingComment
    }

    /// Entries are equal when their keys and values are.
    public static func == (a: TOMLEntry, b: TOMLEntry) -> Bool { a.key == b.key && a.node == b.node }
}
