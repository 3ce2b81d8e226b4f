/// The light of the scene.
public enum TimeOfDay: String, CaseIterable, Sendable, Codable {
    case dawn, day
    case goldenHour = "golden_hour"
    case sunset, dusk, night
}
