/// A fully resolved layout: everything the decoder needs to draw one storyboard frame, in world units.
///
/// The sketch model's latent decodes to one of these; the painters draw it. Continuous fields vary smoothly
/// with the latent, so x0 previews at intermediate sampler steps draw as things sliding into place.
public struct SketchLayout: Sendable, Equatable {
    public var setting: Setting
    public var timeOfDay: TimeOfDay
    public var shotSize: ShotSize
    public var angle: CameraAngle
    public var camera: CameraPose
    /// Sun or moon across the frame: -1 left edge … +1 right edge.
    public var sunX: Double
    /// Sun or moon height above the horizon: 0 on it … 1 high.
    public var sunElevation: Double
    /// Four setting-specific variations in -1...1 (window side, shoreline slant, skyline rhythm, tree spacing…).
    public var backdrop: [Double]
    /// Drawn far to near by the decoder (it sorts by z).
    public var subjects: [LaidOutSubject]
    /// An over-the-shoulder foreground figure: -1 on the left, +1 on the right, nil for none.
    public var overShoulderSide: Int?
    /// Key light direction: true when light comes from screen left.
    public var lightFromLeft: Bool

    public init(setting: Setting, timeOfDay: TimeOfDay, shotSize: ShotSize, angle: CameraAngle, camera: CameraPose,
                sunX: Double = 0.3, sunElevation: Double = 0.4, backdrop: [Double] = [0, 0, 0, 0],
                subjects: [LaidOutSubject] = [], overShoulderSide: Int? = nil, lightFromLeft: Bool = true) {
        self.setting = setting
        self.timeOfDay = timeOfDay
        self.shotSize = shotSize
        self.angle = angle
        self.camera = camera
        self.sunX = sunX
        self.sunElevation = sunElevation
        self.backdrop = backdrop
        self.subjects = subjects
        self.overShoulderSide = overShoulderSide
        self.lightFromLeft = lightFromLeft
    }
}
