/// How a subject stands to another one the prompt names ("the bottle is on the table").
public struct SubjectRelation: Sendable, Equatable, Hashable {
    /// The spatial words a prompt uses between two nouns.
    public enum Kind: String, CaseIterable, Sendable {
        case on, under
        case nextTo = "next to"
        case inFrontOf = "in front of"
        case behind, holding
    }

    public var kind: Kind
    /// Index in the scene's subjects of the other subject (the table the bottle is on).
    public var target: Int

    public init(_ kind: Kind, target: Int) {
        self.kind = kind
        self.target = target
    }
}
