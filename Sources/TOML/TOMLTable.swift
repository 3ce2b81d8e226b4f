/// A TOML table: entries in source order.
public struct TOMLTable: Sendable, Equatable {
    public var entries: [TOMLEntry]
    /// Where its `[header]` or `[[header]]` is, for tables defined that way.
    public var headerPosition: TOMLPosition?
    /// Comments above its header.
    public var leadingComments: [String]
    /// On the root table: comments after the last key.
    public var trailingComments: [String]

    public init(entries: [TOMLEntry] = []) {
        self.entries = entries
        self.headerPosition = nil
        self.leadingComments = []
        self.trailingComments = []
    }

    /// The value under `key`.
    public subscript(key: String) -> TOMLNode? {
        entries.first { $0.key == key }?.node
    }

    /// Tables are equal when their entries are.
    public static func == (a: TOMLTable, b: TOMLTable) -> Bool { a.entries == b.entries }
}
