/// A scene with every silence filled by a storyboard artist's default: what the frame will actually show.
public struct ResolvedScene: Sendable, Equatable, Hashable {
    public var setting: Setting
    public var timeOfDay: TimeOfDay
    public var shotSize: ShotSize
    public var angle: CameraAngle
    public var subjects: [SceneSubject]

    /// Fills the scene's gaps: a place that suits the subjects, daylight, eye level, and the usual framing.
    public init(_ scene: Scene) {
        subjects = scene.subjects
        let categories = Set(scene.subjects.map(\.kind.category))
        let kinds = Set(scene.subjects.map(\.kind))
        if let setting = scene.setting {
            self.setting = setting
        } else if kinds.contains(.bed) {
            setting = .bedroom
        } else if categories.contains(.furniture) {
            setting = .livingRoom
        } else if kinds.contains(.lighthouse) {
            setting = .beach
        } else if kinds.contains(.plane) || kinds.contains(.helicopter) {
            setting = .field
        } else if kinds.contains(.water) {
            setting = .park
        } else if categories.contains(.vehicle) {
            setting = kinds.contains(.boat) ? .lake : .road
        } else if kinds.contains(.horse) {
            setting = .field
        } else if categories.contains(.animal) {
            setting = .park
        } else if categories.contains(.structure) {
            setting = .cityStreet
        } else if !categories.isEmpty && categories.isSubset(of: [.handheld, .prop]) {
            setting = .studio
        } else if categories.contains(.human) {
            setting = .cityStreet
        } else {
            setting = .field
        }
        timeOfDay = scene.timeOfDay ?? .day
        // Water lies flat: a board shows a pool or a pond from above the eye line, where its surface reads.
        angle = scene.angle ?? (scene.subjects.first?.kind == .water ? .high : .eyeLevel)
        if let size = scene.shotSize {
            shotSize = size
        } else if let primary = scene.subjects.first {
            switch primary.kind.category {
            case .handheld: shotSize = .closeUp
            case .structure, .vehicle, .nature: shotSize = .wide
            case .animal where primary.action == .flying: shotSize = .extremeWide
            case .human, .animal: shotSize = scene.subjects.count > 2 ? .wide : .full
            case .furniture, .prop: shotSize = .full
            }
        } else {
            shotSize = .wide
        }
    }

    /// Canonical text of everything that changes pixels: the sketch model's conditioning for render keys,
    /// so prompts that mean the same scene share one cache entry.
    public var canonicalText: String {
        var parts = ["setting=\(setting.rawValue)", "time=\(timeOfDay.rawValue)", "size=\(shotSize.rawValue)",
                     "angle=\(angle.rawValue)"]
        for s in subjects {
            parts.append("subject=\(s.kind.rawValue)|\(s.label ?? "")|\(s.colour?.rawValue ?? "")|\(s.action?.rawValue ?? "")|"
                         + "\(s.placement.side.map(String.init) ?? "")|\(s.placement.depth.map(String.init) ?? "")"
                         + (s.direction.map { "|\($0.rawValue)" } ?? "")
                         + (s.noun.map { "|noun=\($0)" } ?? "")
                         + (s.relation.map { "|\($0.kind.rawValue)=\($0.target)" } ?? ""))
        }
        return parts.joined(separator: "\n")
    }
}
