/// Families of subjects that share framing rules and drawing style.
public enum SubjectCategory: String, Sendable, Codable {
    case human, animal, vehicle, furniture, handheld, nature, structure, prop
}
