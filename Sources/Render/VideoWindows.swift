/// Where a video-model clip's 16-frame context windows sit, and how their frames blend into drawings.
///
/// Window k covers frames [12k, 12k + 16): neighbours overlap by 4 frames. Each window is sampled on its own (so
/// it is a cache unit: a longer shot adds windows without touching the earlier ones), from per-frame noise that
/// two windows share where they overlap, and in the overlap the drawings cross-fade linearly from the earlier
/// window to the later one. A shot shorter than a window is cut from one window.
public struct VideoWindows: Sendable, Equatable {
    public static let length = 16
    public static let overlap = 4
    public static var stride: Int { length - overlap }

    /// Drawings in the clip.
    public let drawings: Int

    public init(drawings: Int) {
        precondition(drawings >= 1)
        self.drawings = drawings
    }

    /// How many windows cover the drawings.
    public var count: Int {
        drawings <= Self.length ? 1 : 1 + (drawings - Self.length + Self.stride - 1) / Self.stride
    }

    /// The first frame of window `k`.
    public static func start(_ k: Int) -> Int { k * stride }

    /// The windows drawing `i` is made from, with their weights (summing to 1), earlier window first.
    public func contributions(_ i: Int) -> [(window: Int, frame: Int, weight: Float)] {
        precondition((0..<drawings).contains(i))
        let last = min(count - 1, i / Self.stride)
        let later = (last, i - Self.start(last))
        guard later.1 < Self.overlap, last > 0 else { return [(later.0, later.1, 1)] }
        let earlier = (last - 1, i - Self.start(last - 1))
        // Frames 0…3 of the later window: weights 1/5 … 4/5, so neither window's frame is ever dropped abruptly.
        let w = Float(later.1 + 1) / Float(Self.overlap + 1)
        return [(earlier.0, earlier.1, 1 - w), (later.0, later.1, w)]
    }
}
