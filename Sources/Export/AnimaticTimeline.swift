import Project

/// Which output frames each shot spans: shot i covers round(start_i × fps) ..< round(end_i × fps), so every shot
/// lasts its duration to the frame and rounding never drifts over a long cut.
public struct AnimaticTimeline: Sendable {
    public struct Span: Sendable, Equatable {
        public let shotIndex: Int
        public let firstFrame: Int
        public let frameCount: Int
    }

    public let fps: Double
    public let spans: [Span]

    public init(shots: [Shot], fps: Double) {
        self.fps = fps
        var start = 0.0
        var spans: [Span] = []
        for (i, shot) in shots.enumerated() {
            let first = Int((start * fps).rounded())
            let end = Int(((start + shot.duration) * fps).rounded())
            spans.append(Span(shotIndex: i, firstFrame: first, frameCount: max(1, end - first)))
            start += shot.duration
        }
        self.spans = spans
    }

    public var frameCount: Int { spans.last.map { $0.firstFrame + $0.frameCount } ?? 0 }

    /// The span holding an output frame.
    public func span(at frame: Int) -> Span {
        var lo = 0, hi = spans.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if spans[mid].firstFrame <= frame { lo = mid } else { hi = mid - 1 }
        }
        return spans[lo]
    }
}
