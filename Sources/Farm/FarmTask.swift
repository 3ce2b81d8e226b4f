/// One unit of farm work: a shot's key drawing and clip, or one of its variants (a seed rendered into the cache).
public struct FarmTask: Codable, Sendable, Equatable {
    public var shot: String
    /// The variant's seed; nil for the shot itself.
    public var seed: UInt32?

    public init(shot: String, seed: UInt32? = nil) {
        self.shot = shot
        self.seed = seed
    }

    /// "s03" or "s03 seed 77", as status lines name it.
    public var label: String { seed.map { "\(shot) seed \($0)" } ?? shot }
}
