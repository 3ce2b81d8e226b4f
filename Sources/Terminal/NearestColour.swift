import Imaging

/// The nearest palette entry under the sixel encoder's weighted distance (2·dr² + 4·dg² + 3·db²), exact and fast
/// on photographs, where almost every pixel is a colour of its own and a search of the whole palette per colour
/// was most of the encode time. The colour cube is cut into 32×32×32 cells; the first pixel that falls in a cell
/// finds, once, the few entries that can be nearest to anything inside it (those whose nearest point is no farther
/// than the smallest farthest point of any entry); every pixel then compares only those. Ties go to the lowest
/// index, as a search of the whole palette gives.
struct NearestColour {
    let palette: [RGB8]
    /// Per cell: where its candidates start in `candidates`, or -1 when not worked out yet.
    private var starts: [Int32]
    private var counts: [UInt16]
    private var candidates: [UInt8] = []

    init(palette: [RGB8]) {
        self.palette = palette
        starts = [Int32](repeating: -1, count: 32_768)
        counts = [UInt16](repeating: 0, count: 32_768)
    }

    static func distance(_ p: RGB8, _ c: RGB8) -> Int {
        let dr = Int(p.r) - Int(c.r), dg = Int(p.g) - Int(c.g), db = Int(p.b) - Int(c.b)
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }

    mutating func index(of c: RGB8) -> UInt8 {
        let cell = Int(c.r >> 3) << 10 | Int(c.g >> 3) << 5 | Int(c.b >> 3)
        if starts[cell] < 0 { fill(cell) }
        let start = Int(starts[cell]), end = start + Int(counts[cell])
        return candidates.withUnsafeBufferPointer { list in
            palette.withUnsafeBufferPointer { entries in
                var best = list[start], bestD = Self.distance(entries[Int(best)], c)
                var k = start + 1
                while k < end {
                    let i = list[k]
                    let d = Self.distance(entries[Int(i)], c)
                    if d < bestD {
                        bestD = d
                        best = i
                    }
                    k += 1
                }
                return best
            }
        }
    }

    /// The nearest entry of every pixel; with `stickiness` > 0, the entry of the pixel to the left is kept while it
    /// is at most that much farther than the nearest: runs get longer (fewer sixel bytes) for a bounded error.
    mutating func indices(of pixels: [RGB8], width: Int, stickiness: Int = 0) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: pixels.count)
        let palette = self.palette
        palette.withUnsafeBufferPointer { entries in
            pixels.withUnsafeBufferPointer { source in
                out.withUnsafeMutableBufferPointer { target in
                    guard width > 0 else { return }
                    for rowStart in stride(from: 0, to: source.count, by: width) {
                        target[rowStart] = index(of: source[rowStart])
                        for i in (rowStart + 1)..<(rowStart + width) {
                            let c = source[i]
                            guard stickiness > 0 else {
                                target[i] = index(of: c)
                                continue
                            }
                            // Within `stickiness` of the left entry, that entry is kept whatever the nearest is: no search.
                            let left = target[i - 1], leftD = Self.distance(entries[Int(left)], c)
                            if leftD <= stickiness {
                                target[i] = left
                                continue
                            }
                            let best = index(of: c)
                            target[i] = leftD <= Self.distance(entries[Int(best)], c) + stickiness ? left : best
                        }
                    }
                }
            }
        }
        return out
    }

    /// Works out the candidates of one cell.
    private mutating func fill(_ cell: Int) {
        let lo = (((cell >> 10) & 31) * 8, ((cell >> 5) & 31) * 8, (cell & 31) * 8)
        /// Weighted squared distance from `v` to the nearest and the farthest point of [low, low + 7] on one axis.
        func span(_ v: Int, _ low: Int, _ weight: Int) -> (near: Int, far: Int) {
            let inside = max(0, max(low - v, v - (low + 7)))
            let out = max(abs(v - low), abs(v - low - 7))
            return (weight * inside * inside, weight * out * out)
        }
        var nearest = [Int](repeating: 0, count: palette.count)
        var smallestFarthest = Int.max
        for (i, p) in palette.enumerated() {
            let r = span(Int(p.r), lo.0, 2), g = span(Int(p.g), lo.1, 4), b = span(Int(p.b), lo.2, 3)
            nearest[i] = r.near + g.near + b.near
            smallestFarthest = min(smallestFarthest, r.far + g.far + b.far)
        }
        starts[cell] = Int32(candidates.count)
        for i in palette.indices where nearest[i] <= smallestFarthest { candidates.append(UInt8(i)) }
        counts[cell] = UInt16(candidates.count - Int(starts[cell]))
    }
}
