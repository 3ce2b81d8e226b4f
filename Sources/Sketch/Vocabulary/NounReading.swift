/// What an open-vocabulary noun of a prompt resolves to: a painter class or a setting, with the noun kept.
public struct NounReading: Sendable, Equatable {
    /// What draws the noun.
    public enum Target: Sendable, Equatable {
        case subject(SubjectKind)
        case setting(Setting)
    }

    /// The noun's lemma ("wristwatch" for "wristwatches").
    public let lemma: String
    public let target: Target
    /// Whether the word was a plural form of the lemma.
    public let plural: Bool
}
