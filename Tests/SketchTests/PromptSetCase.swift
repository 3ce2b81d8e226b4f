@testable import Sketch

/// One prompt of the committed prompt set with the scene fields a storyboard artist reads in it.
struct PromptSetCase: Sendable {
    /// A subject the prompt names: its noun lemma, the painter class that should draw it, and what is said of it.
    struct Subject: Sendable {
        var noun: String
        var drawnAs: SubjectKind
        var count: Int = 1
        var colour: NamedColour? = nil
        var action: SubjectAction? = nil
        var relation: (SubjectRelation.Kind, String)? = nil
    }

    var prompt: String
    var shotSize: ShotSize? = nil
    var angle: CameraAngle? = nil
    var time: TimeOfDay? = nil
    /// The backdrop the setting should draw as.
    var setting: Setting? = nil
    var subjects: [Subject] = []
}
