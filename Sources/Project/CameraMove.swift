/// A camera move for a shot, played in the animatic as pan/zoom over the keyframe.
public enum CameraMove: String, CaseIterable, Sendable, Codable {
    case `static` = "static"
    case pushIn = "push_in"
    case pullOut = "pull_out"
    case panLeft = "pan_left"
    case panRight = "pan_right"
    case tiltUp = "tilt_up"
    case tiltDown = "tilt_down"

    /// Accepts the canonical name and the spellings people type: "push in", "push-in", "Push_In".
    public init?(spelling: String) {
        let canonical = spelling.lowercased()
            .split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" })
            .joined(separator: "_")
        self.init(rawValue: canonical)
    }
}

extension CameraMove {
    /// How much of the keyframe a moving shot shows at its tightest (the overscan moves use).
    public static let tightest = 0.82

    /// The visible window of the keyframe at progress `u` (0…1) of the move: centre and size as fractions of the
    /// keyframe. The animatic samples through it and the studio's preview crops by it.
    public func window(progress u: Double) -> (cx: Double, cy: Double, size: Double) {
        let e = u * u * (3 - 2 * u)  // smoothstep: moves start and end gently
        let t = CameraMove.tightest
        let travel = (1 - t) / 2
        switch self {
        case .static: return (0.5, 0.5, 1)
        case .pushIn: return (0.5, 0.5, 1 - (1 - t) * e)
        case .pullOut: return (0.5, 0.5, t + (1 - t) * e)
        case .panLeft: return (0.5 + travel - 2 * travel * e, 0.5, t)
        case .panRight: return (0.5 - travel + 2 * travel * e, 0.5, t)
        case .tiltUp: return (0.5, 0.5 + travel - 2 * travel * e, t)
        case .tiltDown: return (0.5, 0.5 - travel + 2 * travel * e, t)
        }
    }
}
