/// The text of a field edit that was not committed: what `.storyreel/recovery.json` holds, so a crash, `kill -9` or a
/// lost terminal costs no typing. The next studio offers it back.
public struct RecoveredEdit: Sendable, Equatable, Codable {
    public var shotID: String
    public var field: ShotField
    public var text: String

    public init(shotID: String, field: ShotField, text: String) {
        self.shotID = shotID
        self.field = field
        self.text = text
    }

    enum CodingKeys: String, CodingKey {
        case shotID = "shot", field, text
    }
}
