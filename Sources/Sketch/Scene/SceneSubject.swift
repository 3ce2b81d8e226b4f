import Project

/// One subject the prompt names, with what the prompt says about it (nil where it says nothing).
public struct SceneSubject: Sendable, Equatable, Hashable {
    public var kind: SubjectKind
    /// The noun as written, for placeholders ("surfboard"); nil for known kinds.
    public var label: String?
    public var colour: NamedColour?
    public var action: SubjectAction?
    /// Which way it travels during the clip; nil where the prompt says nothing.
    public var direction: MotionDirection?
    public var placement: Placement

    public init(kind: SubjectKind, label: String? = nil, colour: NamedColour? = nil, action: SubjectAction? = nil,
                direction: MotionDirection? = nil, placement: Placement = Placement()) {
        self.kind = kind
        self.label = label
        self.colour = colour
        self.action = action
        self.direction = direction
        self.placement = placement
    }

    /// `{"kind", "label"?, "colour", "action", "position", "motion"}` with nulls where the prompt is silent.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("kind", .string(kind.rawValue))]
        if let label { members.append(("label", .string(label))) }
        members += [
            ("colour", .optional(colour?.rawValue)),
            ("action", .optional(action?.rawValue)),
            ("position", .optional(placement.description)),
            ("motion", .object([("action", .optional(action?.rawValue)), ("direction", .optional(direction?.rawValue))])),
        ]
        return .object(members)
    }
}
