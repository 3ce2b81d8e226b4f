import Imaging

/// An adaptive palette by median cut over a 5-bit-per-channel histogram. The box with the largest squared error
/// is split at its median along its widest channel, until the palette is full or the expected error is below
/// `targetMSE`: flat storyboard art stops early (fewer colours, fewer bytes), photographs use every register.
enum MedianCut {
    struct Bin {
        var key: Int
        var count: Int
        var sum: (Int, Int, Int)
        var squares: Int
    }

    struct Box {
        var bins: [Bin]
        var count: Int
        /// Sum of squared distances to the box mean, over all channels.
        var error: Double

        init(_ bins: [Bin]) {
            self.bins = bins
            var n = 0, s0 = 0, s1 = 0, s2 = 0, sq = 0
            for b in bins {
                n += b.count
                s0 += b.sum.0
                s1 += b.sum.1
                s2 += b.sum.2
                sq += b.squares
            }
            count = n
            let mean = n > 0 ? (Double(s0 * s0) + Double(s1 * s1) + Double(s2 * s2)) / Double(n) : 0
            error = max(0, Double(sq) - mean)
        }
    }

    /// Mean squared error per channel the palette aims for: about 42 dB PSNR.
    static let targetMSE = 4.0

    static func palette(_ pixels: [RGB8], maxColours: Int, targetMSE: Double = MedianCut.targetMSE) -> [RGB8] {
        // Exact colours when they fit: nothing is lost.
        var exact: [RGB8: Int] = [:]
        for p in pixels {
            if exact[p] == nil {
                exact[p] = exact.count
                if exact.count > maxColours { break }
            }
        }
        if exact.count <= maxColours { return exact.sorted { $0.value < $1.value }.map(\.key) }

        // A flat 5-bit histogram: a dictionary here cost more than the rest of the palette.
        var counts = [Int](repeating: 0, count: 32_768), sums = [Int](repeating: 0, count: 32_768 * 3)
        var squares = [Int](repeating: 0, count: 32_768)
        for p in pixels {
            let key = Int(p.r >> 3) << 10 | Int(p.g >> 3) << 5 | Int(p.b >> 3)
            let r = Int(p.r), g = Int(p.g), b = Int(p.b)
            counts[key] += 1
            sums[key * 3] += r
            sums[key * 3 + 1] += g
            sums[key * 3 + 2] += b
            squares[key] += r * r + g * g + b * b
        }
        var bins: [Bin] = []
        for key in 0..<32_768 where counts[key] > 0 {
            bins.append(Bin(key: key, count: counts[key], sum: (sums[key * 3], sums[key * 3 + 1], sums[key * 3 + 2]), squares: squares[key]))
        }
        var boxes = [Box(bins)]
        let budget = targetMSE * 3 * Double(pixels.count)
        while boxes.count < maxColours {
            guard boxes.reduce(0, { $0 + $1.error }) > budget,
                  let best = boxes.indices.filter({ boxes[$0].bins.count > 1 }).max(by: { boxes[$0].error < boxes[$1].error }) else { break }
            var lo = [31, 31, 31], hi = [0, 0, 0]
            for b in boxes[best].bins {
                let c = [(b.key >> 10) & 31, (b.key >> 5) & 31, b.key & 31]
                for k in 0..<3 {
                    lo[k] = min(lo[k], c[k])
                    hi[k] = max(hi[k], c[k])
                }
            }
            let spreads = (0..<3).map { hi[$0] - lo[$0] }
            let shift = [10, 5, 0][spreads.firstIndex(of: spreads.max() ?? 0) ?? 0]
            let sorted = boxes[best].bins.sorted { ($0.key >> shift) & 31 < ($1.key >> shift) & 31 }
            let total = boxes[best].count
            var running = 0, cut = 1
            for (i, b) in sorted.enumerated() {
                running += b.count
                if running * 2 >= total {
                    cut = max(1, min(sorted.count - 1, i + 1))
                    break
                }
            }
            boxes[best] = Box(Array(sorted[..<cut]))
            boxes.append(Box(Array(sorted[cut...])))
        }
        return boxes.map { box in
            let n = max(1, box.count)
            let s = box.bins.reduce((0, 0, 0)) { ($0.0 + $1.sum.0, $0.1 + $1.sum.1, $0.2 + $1.sum.2) }
            return RGB8(UInt8(s.0 / n), UInt8(s.1 / n), UInt8(s.2 / n))
        }
    }
}
