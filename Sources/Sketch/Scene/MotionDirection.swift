/// Which way a subject travels across the shot, as the prompt says it ("from left to right", "towards the camera").
public enum MotionDirection: String, CaseIterable, Sendable, Codable {
    case leftToRight = "left_to_right"
    case rightToLeft = "right_to_left"
    case towardsCamera = "towards_camera"
    case awayFromCamera = "away_from_camera"

    /// The screen side it faces while travelling: +1 right, -1 left, nil when it travels in depth.
    var screenSide: Double? {
        switch self {
        case .leftToRight: return 1
        case .rightToLeft: return -1
        case .towardsCamera, .awayFromCamera: return nil
        }
    }
}
