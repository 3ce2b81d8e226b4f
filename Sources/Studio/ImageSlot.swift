/// A rectangle of cells the backend fills with a picture after the text is drawn.
public struct ImageSlot: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        /// The keyframe of a shot (with a camera move applied at `progress` while playing).
        case keyframe(shotID: String, progress: Double?)
        /// Drawing `index` (from 1; 0 is the key drawing, shown as `keyframe`) of a shot's clip, with its camera move
        /// at `progress` while playing.
        case drawing(shotID: String, index: Int, progress: Double?)
        /// The selected shot rendered with another seed.
        case variant(shotID: String, seed: UInt32)
    }

    public var row: Int
    public var column: Int
    public var columns: Int
    public var rows: Int
    public var content: Content
}
