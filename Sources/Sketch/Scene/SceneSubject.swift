import JSON
import Project

/// One subject the prompt names, with what the prompt says about it (nil where it says nothing).
public struct SceneSubject: Sendable, Equatable, Hashable {
    public var kind: SubjectKind
    /// The noun as written, for placeholders ("surfboard"); nil for known kinds.
    public var label: String?
    /// The prompt's noun lemma where it is not the kind's own name ("van" drawn as a truck); nil otherwise.
    public var noun: String?
    /// How many subjects the noun phrase that named this one drew ("three horses": 3 each).
    public var count: Int
    /// Where it stands relative to another subject ("on the table"); nil where the prompt says nothing.
    public var relation: SubjectRelation?
    public var colour: NamedColour?
    public var action: SubjectAction?
    /// Which way it travels during the clip; nil where the prompt says nothing.
    public var direction: MotionDirection?
    public var placement: Placement

    public init(kind: SubjectKind, label: String? = nil, colour: NamedColour? = nil, action: SubjectAction? = nil,
                direction: MotionDirection? = nil, placement: Placement = Placement(), noun: String? = nil,
                count: Int = 1, relation: SubjectRelation? = nil) {
        self.kind = kind
        self.label = label
        self.noun = noun
        self.count = count
        self.relation = relation
        self.colour = colour
        self.action = action
        self.direction = direction
        self.placement = placement
    }

    /// The noun the prompt used for it: its lemma, the placeholder's label, or the kind's name.
    public var nounLemma: String { noun ?? label ?? kind.rawValue }

    /// `{"kind", "drawn_as", "category", "count", "label"?, "colour", "action", "position", "motion", "relation"}`
    /// with nulls where the prompt is silent. `kind` is the prompt's noun, `drawn_as` the painter class that draws it.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("kind", .string(nounLemma)), ("drawn_as", .string(kind.rawValue)),
            ("category", .string(kind.category.rawValue)), ("count", .integer(Int64(count))),
        ]
        if let label { members.append(("label", .string(label))) }
        members += [
            ("colour", .optional(colour?.rawValue)),
            ("action", .optional(action?.rawValue)),
            ("position", .optional(placement.description)),
            ("motion", .object([("action", .optional(action?.rawValue)), ("direction", .optional(direction?.rawValue))])),
            ("relation", relation.map { .object([("type", .string($0.kind.rawValue)), ("target", .integer(Int64($0.target)))]) } ?? .null),
        ]
        return .object(members)
    }
}
