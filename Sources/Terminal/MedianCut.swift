/// An adaptive palette by median cut over a 5-bit-per-channel histogram: the box with the widest spread,
/// weighted by how many pixels it holds, is split at its median until the palette is full.
enum MedianCut {
    struct Bin { var key: Int; var count: Int; var sum: (Int, Int, Int) }

    static func palette(_ pixels: [RGB8], maxColours: Int) -> [RGB8] {
        // Exact colours when they fit: flat storyboard art often needs no quantisation at all.
        var exact: [RGB8: Int] = [:]
        for p in pixels {
            if exact[p] == nil {
                exact[p] = exact.count
                if exact.count > maxColours { break }
            }
        }
        if exact.count <= maxColours { return exact.sorted { $0.value < $1.value }.map(\.key) }

        var bins = [Int: Bin]()
        for p in pixels {
            let key = Int(p.r >> 3) << 10 | Int(p.g >> 3) << 5 | Int(p.b >> 3)
            var bin = bins[key] ?? Bin(key: key, count: 0, sum: (0, 0, 0))
            bin.count += 1
            bin.sum.0 += Int(p.r); bin.sum.1 += Int(p.g); bin.sum.2 += Int(p.b)
            bins[key] = bin
        }
        var boxes: [[Bin]] = [Array(bins.values)]
        while boxes.count < maxColours {
            // The box to split: largest (spread × pixel count) among those with more than one bin.
            var best = -1, bestScore = 0
            var bestChannel = 0
            for (i, box) in boxes.enumerated() where box.count > 1 {
                var lo = [Int](repeating: 31, count: 3), hi = [Int](repeating: 0, count: 3)
                var total = 0
                for b in box {
                    let c = [(b.key >> 10) & 31, (b.key >> 5) & 31, b.key & 31]
                    for k in 0..<3 { lo[k] = min(lo[k], c[k]); hi[k] = max(hi[k], c[k]) }
                    total += b.count
                }
                let spreads = (0..<3).map { hi[$0] - lo[$0] }
                let channel = spreads.firstIndex(of: spreads.max() ?? 0) ?? 0
                let score = spreads[channel] * total
                if score > bestScore { bestScore = score; best = i; bestChannel = channel }
            }
            guard best >= 0 else { break }
            let shift = [10, 5, 0][bestChannel]
            let sorted = boxes[best].sorted { ($0.key >> shift) & 31 < ($1.key >> shift) & 31 }
            let total = sorted.reduce(0) { $0 + $1.count }
            var running = 0, cut = 1
            for (i, b) in sorted.enumerated() {
                running += b.count
                if running * 2 >= total { cut = max(1, min(sorted.count - 1, i + 1)); break }
            }
            boxes[best] = Array(sorted[..<cut])
            boxes.append(Array(sorted[cut...]))
        }
        return boxes.map { box in
            let n = max(1, box.reduce(0) { $0 + $1.count })
            let s = box.reduce((0, 0, 0)) { ($0.0 + $1.sum.0, $0.1 + $1.sum.1, $0.2 + $1.sum.2) }
            return RGB8(UInt8(s.0 / n), UInt8(s.1 / n), UInt8(s.2 / n))
        }
    }
}
