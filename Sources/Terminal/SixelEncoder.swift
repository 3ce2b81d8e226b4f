import Imaging

/// Encodes frames as DEC sixel graphics: adaptive palette (exact colours when they fit, else median cut), optional
/// Floyd–Steinberg dithering, run-length coding, raster attributes, and no graphics newline after the last band
/// (so the cursor does not move past the image and the screen does not scroll).
public struct SixelEncoder: Sendable {
    /// Colour registers to use (the terminal's limit; 256 is common).
    public var maxColours: Int
    public var dither: Bool
    public var background: RGB8

    public init(maxColours: Int = 256, dither: Bool = false, background: RGB8 = RGB8(0, 0, 0)) {
        self.maxColours = max(2, min(256, maxColours))
        self.dither = dither
        self.background = background
    }

    /// The sixel data for `frame` (already at the pixel size to show).
    public func encode(_ frame: Frame) -> [UInt8] {
        let w = frame.width, h = frame.height
        var pixels = [RGB8](repeating: background, count: w * h)
        frame.pixels.withUnsafeBufferPointer { p in
            for i in 0..<(w * h) {
                let a = Int(p[i * 4 + 3])
                if a == 255 { pixels[i] = RGB8(p[i * 4], p[i * 4 + 1], p[i * 4 + 2]); continue }
                func mix(_ c: UInt8, _ b: UInt8) -> UInt8 { UInt8((Int(c) * a + Int(b) * (255 - a) + 127) / 255) }
                pixels[i] = RGB8(mix(p[i * 4], background.r), mix(p[i * 4 + 1], background.g), mix(p[i * 4 + 2], background.b))
            }
        }
        // Registers hold percentages: choose the palette as a terminal will show it.
        let palette = MedianCut.palette(pixels, maxColours: maxColours).map(SixelEncoder.shown)
        let indices = map(pixels, palette: palette, width: w, height: h)

        var out = Array("\u{1B}P0;1;0q\"1;1;\(w);\(h)".utf8)
        for (i, c) in palette.enumerated() {
            out += Array("#\(i);2;\(SixelEncoder.percent(c.r));\(SixelEncoder.percent(c.g));\(SixelEncoder.percent(c.b))".utf8)
        }
        var masks = [[UInt8]](repeating: [], count: palette.count)
        var used = [Int]()
        var isUsed = [Bool](repeating: false, count: palette.count)
        for bandTop in stride(from: 0, to: h, by: 6) {
            used.removeAll(keepingCapacity: true)
            for y in bandTop..<min(h, bandTop + 6) {
                let bit = UInt8(1 << (y - bandTop))
                for x in 0..<w {
                    let c = Int(indices[y * w + x])
                    if !isUsed[c] {
                        isUsed[c] = true
                        used.append(c)
                        if masks[c].count != w { masks[c] = [UInt8](repeating: 0, count: w) }
                    }
                    masks[c][x] |= bit
                }
            }
            for (k, c) in used.enumerated() {
                if k > 0 { out.append(0x24) }  // $: back to the band's start
                out += Array("#\(c)".utf8)
                SixelEncoder.runLength(masks[c], into: &out)
                for x in 0..<w { masks[c][x] = 0 }
                isUsed[c] = false
            }
            if bandTop + 6 < h { out.append(0x2D) }  // -: next band (none after the last)
        }
        out += [0x1B, 0x5C]
        return out
    }

    /// Nearest palette entry per pixel (memoised by colour), with optional Floyd–Steinberg error diffusion.
    func map(_ pixels: [RGB8], palette: [RGB8], width w: Int, height h: Int) -> [UInt8] {
        var cache = [RGB8: UInt8]()
        func nearest(_ c: RGB8) -> UInt8 {
            if let hit = cache[c] { return hit }
            var best = 0, bestD = Int.max
            for (i, p) in palette.enumerated() {
                let dr = Int(p.r) - Int(c.r), dg = Int(p.g) - Int(c.g), db = Int(p.b) - Int(c.b)
                let d = 2 * dr * dr + 4 * dg * dg + 3 * db * db
                if d < bestD { bestD = d; best = i }
            }
            cache[c] = UInt8(best)
            return UInt8(best)
        }
        guard dither else { return pixels.map(nearest) }
        var error = [Int](repeating: 0, count: (w + 2) * 3 * 2)
        var out = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            let cur = (y % 2) * (w + 2) * 3, nxt = ((y + 1) % 2) * (w + 2) * 3
            for i in 0..<((w + 2) * 3) { error[nxt + i] = 0 }
            for x in 0..<w {
                let p = pixels[y * w + x]
                let want = [Int(p.r) + error[cur + (x + 1) * 3] / 16, Int(p.g) + error[cur + (x + 1) * 3 + 1] / 16, Int(p.b) + error[cur + (x + 1) * 3 + 2] / 16]
                let clamped = RGB8(UInt8(max(0, min(255, want[0]))), UInt8(max(0, min(255, want[1]))), UInt8(max(0, min(255, want[2]))))
                let idx = nearest(clamped)
                out[y * w + x] = idx
                let got = palette[Int(idx)]
                let e = [want[0] - Int(got.r), want[1] - Int(got.g), want[2] - Int(got.b)]
                for c in 0..<3 {
                    error[cur + (x + 2) * 3 + c] += e[c] * 7
                    error[nxt + x * 3 + c] += e[c] * 3
                    error[nxt + (x + 1) * 3 + c] += e[c] * 5
                    error[nxt + (x + 2) * 3 + c] += e[c]
                }
            }
        }
        return out
    }

    /// Six-pixel column masks as sixel characters, runs of four or more as !count; trailing blanks dropped.
    static func runLength(_ masks: [UInt8], into out: inout [UInt8]) {
        var end = masks.count
        while end > 0 && masks[end - 1] == 0 { end -= 1 }
        var x = 0
        while x < end {
            let m = masks[x]
            var run = 1
            while x + run < end && masks[x + run] == m { run += 1 }
            let ch = 0x3F + m
            if run >= 4 {
                out.append(0x21)
                out += Array(String(run).utf8)
                out.append(ch)
            } else {
                for _ in 0..<run { out.append(ch) }
            }
            x += run
        }
    }

    static func percent(_ v: UInt8) -> Int { (Int(v) * 100 + 127) / 255 }

    /// The colour a register set to this colour's percentages shows.
    static func shown(_ c: RGB8) -> RGB8 {
        func back(_ v: UInt8) -> UInt8 { UInt8((percent(v) * 255 + 50) / 100) }
        return RGB8(back(c.r), back(c.g), back(c.b))
    }
}
