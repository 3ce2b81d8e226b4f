/// A value with the place it starts and its exact source text (empty for tables made by headers).
public struct TOMLNode: Sendable, Equatable {
    public var value: TOMLValue
    public var position: TOMLPosition
    public var raw: String

    public init(value: TOMLValue, position: TOMLPosition, raw: String) {
        self.value = value
        self.position = position
        self.raw = raw
    }

    /// Nodes are equal when their values are; positions and spelling do not count.
    public static func == (a: TOMLNode, b: TOMLNode) -> Bool { a.value == b.value }
}
