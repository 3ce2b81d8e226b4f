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
