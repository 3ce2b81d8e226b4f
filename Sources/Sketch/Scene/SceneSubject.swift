import Project

/// One subject the prompt names, with what the prompt says about it (nil where it says nothing).
public struct SceneSubject: Sendable, Equatable, Hashable {
    public var kind: SubjectKind
    /// The noun as written, for placeholders ("surfboard"); nil for known kinds.
    public var label: String?
    public var colour: NamedColour?
    public var action: SubjectAction?
    public var placement: Placement

    public init(kind: SubjectKind, label: String? = nil, colour: NamedColour? = nil, action: SubjectAction? = nil,
                placement: Placement = Placement()) {
        self.kind = kind
        self.label = label
        self.colour = colour
        self.action = action
        self.placement = placement
    }

    /// `{"kind", "label"?, "colour", "action", "position"}` with nulls where the prompt is silent.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("kind", .string(kind.rawValue))]
        if let label { members.append(("label", .string(label))) }
        members += [
            ("colour", .optional(colour?.rawValue)),
            ("action", .optional(action?.rawValue)),
            ("position", .optional(placement.description)),
        ]
        return .object(members)
    }
}
