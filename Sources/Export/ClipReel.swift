import Foundation
import Imaging

/// The drawings of every shot's clip, decoded on demand for the animatic (a 30-second cut at 12 drawings a second
/// holds hundreds of them; only the few around the playhead are kept in memory).
public final class ClipReel: @unchecked Sendable {
    /// Drawings per clip, and the rate each is drawn at.
    public let counts: [Int]
    public let rates: [Int]
    private let load: (_ shot: Int, _ drawing: Int) -> Frame
    private let lock = NSLock()
    private var recent: [(key: Int, frame: Frame)] = []
    private let keep = 6

    /// Clips of `counts[i]` drawings at `rates[i]`; `load` decodes one drawing.
    public init(counts: [Int], rates: [Int], load: @escaping (_ shot: Int, _ drawing: Int) -> Frame) {
        self.counts = counts
        self.rates = rates
        self.load = load
    }

    /// One still drawing per shot.
    public convenience init(keyframes: [Frame]) {
        self.init(counts: keyframes.map { _ in 1 }, rates: keyframes.map { _ in 1 }) { shot, _ in keyframes[shot] }
    }

    /// The drawing on screen `seconds` into shot `shot`: each is held for 1 / rate seconds; the last holds to the end.
    public func drawingIndex(shot: Int, seconds: Double) -> Int {
        min(counts[shot] - 1, max(0, Int((seconds * Double(rates[shot]) + 1e-9).rounded(.down))))
    }

    /// Drawing `index` of shot `shot`.
    public func drawing(shot: Int, index: Int) -> Frame {
        let key = shot << 20 | index
        lock.lock()
        if let hit = recent.first(where: { $0.key == key }) {
            lock.unlock()
            return hit.frame
        }
        lock.unlock()
        let frame = load(shot, index)
        lock.lock()
        recent.append((key, frame))
        if recent.count > keep { recent.removeFirst() }
        lock.unlock()
        return frame
    }
}
