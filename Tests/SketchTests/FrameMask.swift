import Imaging

/// Pixels where two renders of one layout differ (with and without some of its subjects), and their connected parts.
struct FrameMask {
    let width: Int
    let height: Int
    var bits: [Bool]

    /// Pixels whose colour differs by more than `threshold` (sum over red, green and blue) between `a` and `b`.
    init(_ a: Frame, _ b: Frame, threshold: Int = 40) {
        width = a.width
        height = a.height
        bits = (0..<(a.width * a.height)).map { p in
            let i = p * 4
            let d = abs(Int(a.pixels[i]) - Int(b.pixels[i])) + abs(Int(a.pixels[i + 1]) - Int(b.pixels[i + 1]))
                + abs(Int(a.pixels[i + 2]) - Int(b.pixels[i + 2]))
            return d > threshold
        }
    }

    subscript(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height && bits[y * width + x] }

    /// Sizes of the 8-connected parts, largest first.
    func componentSizes() -> [Int] {
        var seen = [Bool](repeating: false, count: bits.count)
        var sizes: [Int] = []
        for start in bits.indices where bits[start] && !seen[start] {
            var stack = [start]
            seen[start] = true
            var size = 0
            while let p = stack.popLast() {
                size += 1
                let x = p % width, y = p / width
                for dy in -1...1 { for dx in -1...1 where dx != 0 || dy != 0 {
                    let nx = x + dx, ny = y + dy
                    guard nx >= 0, ny >= 0, nx < width, ny < height else { continue }
                    let q = ny * width + nx
                    if bits[q] && !seen[q] {
                        seen[q] = true
                        stack.append(q)
                    }
                } }
            }
            sizes.append(size)
        }
        return sizes.sorted(by: >)
    }

    /// The lowest row (largest y) with a set pixel in each column, for the columns that have one.
    var bottoms: [Int: Int] {
        var out: [Int: Int] = [:]
        for y in 0..<height { for x in 0..<width where bits[y * width + x] { out[x] = y } }
        return out
    }

    /// The highest row (smallest y) with a set pixel in each column, for the columns that have one.
    var tops: [Int: Int] {
        var out: [Int: Int] = [:]
        for y in stride(from: height - 1, through: 0, by: -1) { for x in 0..<width where bits[y * width + x] { out[x] = y } }
        return out
    }

    var count: Int { bits.filter { $0 }.count }

}
