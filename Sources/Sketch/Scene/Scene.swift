import JSON
import Project

/// What the sketch model understood from a prompt: framing, light, place and subjects.
public struct Scene: Sendable, Equatable, Hashable {
    public var shotSize: ShotSize?
    public var angle: CameraAngle?
    public var timeOfDay: TimeOfDay?
    public var setting: Setting?
    /// The noun that named the setting where it is not the setting's own name ("harbour" drawn as a beach).
    public var settingNoun: String?
    public var subjects: [SceneSubject]
    public var cameraMove: CameraMove?
    /// Words the compiler did not understand, in prompt order, without repeats.
    public var unknown: [String]

    public init(shotSize: ShotSize? = nil, angle: CameraAngle? = nil, timeOfDay: TimeOfDay? = nil, setting: Setting? = nil,
                subjects: [SceneSubject] = [], cameraMove: CameraMove? = nil, unknown: [String] = []) {
        self.shotSize = shotSize
        self.angle = angle
        self.timeOfDay = timeOfDay
        self.setting = setting
        self.subjects = subjects
        self.cameraMove = cameraMove
        self.unknown = unknown
    }

    /// The `explain --json` object.
    public var json: JSONValue {
        .object([
            ("shot_size", .optional(shotSize?.rawValue)),
            ("angle", .optional(angle?.rawValue)),
            ("time_of_day", .optional(timeOfDay?.rawValue)),
            ("setting", .optional(settingNoun ?? setting?.rawValue)),
            ("backdrop", .optional(setting?.rawValue)),
            ("subjects", .array(subjects.map(\.json))),
            ("camera_move", .optional(cameraMove?.rawValue)),
            ("unknown", .array(unknown.map(JSONValue.string))),
        ])
    }
}
