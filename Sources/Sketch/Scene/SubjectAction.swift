/// What a subject is doing; painters pose figures from it.
public enum SubjectAction: String, CaseIterable, Sendable, Codable {
    case standing, walking, running, sitting, galloping, pointing, lying, jumping, waving, looking
    case flying, turning, trotting
}
