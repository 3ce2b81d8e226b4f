/// Where the camera looks from.
public enum CameraAngle: String, CaseIterable, Sendable, Codable {
    case eyeLevel = "eye_level"
    case low = "low"
    case high = "high"
    case overhead = "overhead"
    case overTheShoulder = "over_the_shoulder"
    case dutch = "dutch"
}
