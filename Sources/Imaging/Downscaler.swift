/// Area-averaged resampling in linear light: every source pixel contributes to the target pixels it overlaps,
/// in proportion to the overlap (a box filter with fractional edges). Transparent pixels are composited over a
/// background first.
public enum Downscaler {
    /// Resamples `frame` to `width × height` RGB pixels.
    public static func resample(_ frame: Frame, width: Int, height: Int, background: RGB8 = RGB8(0, 0, 0)) -> [RGB8] {
        precondition(width > 0 && height > 0)
        let sw = frame.width, sh = frame.height
        // Linear-light source, alpha composited.
        var linear = [Float](repeating: 0, count: sw * sh * 3)
        let bg = [Gamma.toLinear[Int(background.r)], Gamma.toLinear[Int(background.g)], Gamma.toLinear[Int(background.b)]]
        frame.pixels.withUnsafeBufferPointer { p in
            for i in 0..<(sw * sh) {
                let a = Float(p[i * 4 + 3]) / 255
                for c in 0..<3 {
                    linear[i * 3 + c] = Gamma.toLinear[Int(p[i * 4 + c])] * a + bg[c] * (1 - a)
                }
            }
        }
        let xs = weights(source: sw, target: width), ys = weights(source: sh, target: height)
        // Horizontal pass, then vertical.
        var rows = [Float](repeating: 0, count: width * sh * 3)
        for y in 0..<sh {
            for x in 0..<width {
                var acc: (Float, Float, Float) = (0, 0, 0)
                for (sx, w) in xs[x] {
                    let i = (y * sw + sx) * 3
                    acc.0 += linear[i] * w
                    acc.1 += linear[i + 1] * w
                    acc.2 += linear[i + 2] * w
                }
                let o = (y * width + x) * 3
                rows[o] = acc.0
                rows[o + 1] = acc.1
                rows[o + 2] = acc.2
            }
        }
        var out = [RGB8](repeating: RGB8(0, 0, 0), count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                var acc: (Float, Float, Float) = (0, 0, 0)
                for (sy, w) in ys[y] {
                    let i = (sy * width + x) * 3
                    acc.0 += rows[i] * w
                    acc.1 += rows[i + 1] * w
                    acc.2 += rows[i + 2] * w
                }
                out[y * width + x] = RGB8(Gamma.encode(acc.0), Gamma.encode(acc.1), Gamma.encode(acc.2))
            }
        }
        return out
    }

    /// For each target index, the source indices it covers and their normalised overlap weights.
    static func weights(source: Int, target: Int) -> [[(Int, Float)]] {
        let scale = Double(source) / Double(target)
        return (0..<target).map { t in
            let start = Double(t) * scale, end = Double(t + 1) * scale
            var list: [(Int, Float)] = []
            var s = Int(start.rounded(.down))
            while Double(s) < end && s < source {
                let overlap = min(end, Double(s + 1)) - max(start, Double(s))
                if overlap > 1e-9 { list.append((s, Float(overlap / (end - start)))) }
                s += 1
            }
            if list.isEmpty { list = [(min(source - 1, Int(start)), 1)] }
            return list
        }
    }
}
