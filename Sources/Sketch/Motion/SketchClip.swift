/// A sketch clip's motion: one track per subject at a drawing rate. Drawing `i` is the key layout moved along the
/// tracks; nothing in it depends on the shot's duration, so a longer shot only adds drawings at the end.
public struct SketchClip: Sendable, Equatable {
    public let drawingsPerSecond: Int
    let tracks: [SubjectTrack]

    init(drawingsPerSecond: Int, tracks: [SubjectTrack]) {
        self.drawingsPerSecond = drawingsPerSecond
        self.tracks = tracks
    }

    /// Whether every drawing is the key drawing.
    public var isStill: Bool { tracks.allSatisfy(\.isStill) }

    /// The cached form: drawing rate, track count, then each track's values, as 32-bit floats.
    public var values: [Float] {
        [Float(drawingsPerSecond), Float(tracks.count)] + tracks.flatMap { $0.values.map(Float.init) }
    }

    /// Reads the cached form back; nil when it does not hold a clip for `subjectCount` subjects.
    public init?(values: [Float], subjectCount: Int) {
        guard values.count == 2 + subjectCount * SubjectTrack.valueCount, Int(values[1]) == subjectCount,
              let rate = Int(exactly: values[0]), rate > 0, values.allSatisfy(\.isFinite) else { return nil }
        let doubles = values.map(Double.init)
        drawingsPerSecond = rate
        tracks = (0..<subjectCount).map { k in
            SubjectTrack(values: doubles[(2 + k * SubjectTrack.valueCount)..<(2 + (k + 1) * SubjectTrack.valueCount)])
        }
    }

    /// The layout drawing `index` (0-based; 0 is the key drawing) shows.
    public func layout(_ key: SketchLayout, drawing index: Int) -> SketchLayout {
        var out = key
        for (j, track) in tracks.enumerated() where j < out.subjects.count {
            out.subjects[j] = track.apply(to: key.subjects[j], drawing: index, drawingsPerSecond: drawingsPerSecond)
        }
        return out
    }
}
