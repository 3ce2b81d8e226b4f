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

    /// Tables are equal when they hold the same keys with equal values, in any order (as TOML means them).
    public static func == (a: TOMLTable, b: TOMLTable) -> Bool {
        guard a.entries.count == b.entries.count else { return false }
        var other: [String: TOMLNode] = [:]
        for e in b.entries { other[e.key] = e.node }
        return a.entries.allSatisfy { other[$0.key] == $0.node }
    }
}
