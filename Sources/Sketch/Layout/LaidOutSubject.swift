/// One subject with its place in the world, as the decoder draws it.
public struct LaidOutSubject: Sendable, Equatable {
    public var kind: SubjectKind
    /// The noun to print on a placeholder prop ("surfboard"); nil for known kinds.
    public var label: String?
    public var colour: NamedColour?
    public var action: SubjectAction?
    /// Lateral position in metres (world x).
    public var x: Double
    /// Distance from the camera along the ground in metres (world z).
    public var z: Double
    /// Height of the subject's base above the ground in metres (a phone on a table top), usually 0.
    public var elevation: Double
    /// Which way it faces: -1 screen left, +1 screen right, near 0 towards the camera.
    public var facing: Double
    /// Pose variant in 0..<1 (gait phase for walking/running/galloping, arm pose otherwise).
    public var phase: Double
    /// Size multiplier around the kind's real size (0.85...1.15).
    public var scale: Double
    /// Whether this is the subject the shot is framed on.
    public var isPrimary: Bool

    public init(kind: SubjectKind, label: String? = nil, colour: NamedColour? = nil, action: SubjectAction? = nil,
                x: Double, z: Double, elevation: Double = 0, facing: Double = 0, phase: Double = 0, scale: Double = 1, isPrimary: Bool = false) {
        self.kind = kind
        self.label = label
        self.colour = colour
        self.action = action
        self.x = x
        self.z = z
        self.elevation = elevation
        self.facing = facing
        self.phase = phase
        self.scale = scale
        self.isPrimary = isPrimary
    }
}
