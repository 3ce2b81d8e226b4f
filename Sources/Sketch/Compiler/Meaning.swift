import Project

/// What a word or phrase of a prompt means to the sketch model.
enum Meaning: Sendable, Equatable {
    case shotSize(ShotSize)
    case angle(CameraAngle)
    case time(TimeOfDay)
    case setting(Setting)
    /// A subject noun; `plural` when the word itself is plural ("horses", "people").
    case subject(SubjectKind, plural: Bool)
    /// Nouns that name several subjects at once ("couple", "family").
    case group([SubjectKind])
    case colour(NamedColour)
    case action(SubjectAction)
    /// Which way the subject travels ("from left to right").
    case direction(MotionDirection)
    case side(Int)
    case depth(Int)
    case cameraMove(CameraMove)
    case count(Int)
    /// A spatial word between two nouns ("on", "next to", "holding").
    case relation(SubjectRelation.Kind)
    /// "a", "an", "the", "one": starts a noun phrase.
    case article
    /// A word understood as making no difference to a sketch ("cinematic", "with").
    case filler
}
