/// Where the prompt puts a subject in the frame.
public struct Placement: Sendable, Codable, Equatable, Hashable {
    /// Horizontal side: -1 left, 0 centre, +1 right; nil when the prompt says nothing.
    public var side: Int?
    /// Depth: -1 foreground, +1 background; nil when the prompt says nothing.
    public var depth: Int?

    public init(side: Int? = nil, depth: Int? = nil) {
        self.side = side
        self.depth = depth
    }

    /// "left", "centre", "right", "foreground", "background" or two of them ("left foreground"); nil when unplaced.
    public var description: String? {
        var words: [String] = []
        if let side { words.append(side < 0 ? "left" : side > 0 ? "right" : "centre") }
        if let depth { words.append(depth < 0 ? "foreground" : "background") }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}
