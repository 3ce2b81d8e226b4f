/// Where the shot takes place.
public enum Setting: String, CaseIterable, Sendable, Codable {
    case beach
    case cityStreet = "city_street"
    case livingRoom = "living_room"
    case kitchen, office, bedroom, cafe, shop, studio, warehouse
    case forest, park, field, desert, mountains, lake, road, rooftop

    /// Whether the setting is indoors (walls and floor rather than sky and ground).
    public var isInterior: Bool {
        switch self {
        case .livingRoom, .kitchen, .office, .bedroom, .cafe, .shop, .studio, .warehouse: return true
        default: return false
        }
    }
}
