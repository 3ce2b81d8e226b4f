import Imaging

/// Encodes frames as DEC sixel graphics: adaptive palette (exact colours when they fit, else median cut), optional
/// Floyd–Steinberg dithering, run-length coding, raster attributes, and no graphics newline after the last band
/// (so the cursor does not move past the image and the screen does not scroll).
public struct SixelEncoder: Sendable {
    /// Colour registers to use (the terminal's limit; 256 is common).
    public var maxColours: Int
    public var dither: Bool
    public var background: RGB8
    /// On photographs (the palette needed more than half the registers): how much farther, in the weighted squared
    /// distance, than the nearest entry the left neighbour's entry may be and still be kept. Grain then stops
    /// scattering a dozen entries over every band: runs get long and bytes fall by a third, for about 2 of the 6 dB
    /// we had over img2sixel. Flat art keeps the nearest entry (its palette already meets the error target).
    public var stickiness: Int

    public init(maxColours: Int = 256, dither: Bool = false, background: RGB8 = RGB8(0, 0, 0), stickiness: Int = 150) {
        self.maxColours = max(2, min(256, maxColours))
        self.stickiness = max(0, stickiness)
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
                if a == 255 {
                    pixels[i] = RGB8(p[i * 4], p[i * 4 + 1], p[i * 4 + 2])
                    continue
                }
                func mix(_ c: UInt8, _ b: UInt8) -> UInt8 { UInt8((Int(c) * a + Int(b) * (255 - a) + 127) / 255) }
                pixels[i] = RGB8(mix(p[i * 4], background.r), mix(p[i * 4 + 1], background.g), mix(p[i * 4 + 2], background.b))
            }
        }
        // Registers hold percentages: choose the palette as a terminal will show it.
        let palette = MedianCut.palette(pixels, maxColours: maxColours).map(SixelEncoder.shown)
        // Flat art meets the error target with a few dozen colours; a palette past half the registers is a photograph.
        let photographic = palette.count > maxColours / 2
        let indices = map(pixels, palette: palette, width: w, height: h, stickiness: photographic ? stickiness : 0)

        var out = Array("\u{1B}P0;1;0q\"1;1;\(w);\(h)".utf8)
        for (i, c) in palette.enumerated() {
            out += Array("#\(i);2;\(SixelEncoder.percent(c.r));\(SixelEncoder.percent(c.g));\(SixelEncoder.percent(c.b))".utf8)
        }
        // Per band: each colour's six-pixel masks, and the columns it spans, so only those are scanned and cleared.
        var masks = [UInt8](repeating: 0, count: palette.count * w)
        var first = [Int](repeating: 0, count: palette.count), last = [Int](repeating: 0, count: palette.count)
        var used = [Int]()
        var isUsed = [Bool](repeating: false, count: palette.count)
        let selectors = palette.indices.map { Array("#\($0)".utf8) }
        for bandTop in stride(from: 0, to: h, by: 6) {
            used.removeAll(keepingCapacity: true)
            indices.withUnsafeBufferPointer { index in
                masks.withUnsafeMutableBufferPointer { mask in
                    for y in bandTop..<min(h, bandTop + 6) {
                        let bit = UInt8(1 << (y - bandTop))
                        for x in 0..<w {
                            let c = Int(index[y * w + x])
                            if !isUsed[c] {
                                isUsed[c] = true
                                used.append(c)
                                first[c] = x
                                last[c] = x
                            } else {
                                if x < first[c] { first[c] = x }
                                if x > last[c] { last[c] = x }
                            }
                            mask[c * w + x] |= bit
                        }
                    }
                }
            }
            for (k, c) in used.enumerated() {
                if k > 0 { out.append(0x24) }  // $: back to the band's start
                out += selectors[c]
                // The blank columns before the colour's first, then its span.
                SixelEncoder.run(0, count: first[c], into: &out)
                SixelEncoder.runLength(masks[(c * w + first[c])...(c * w + last[c])], into: &out)
                for x in first[c]...last[c] { masks[c * w + x] = 0 }
                isUsed[c] = false
            }
            if bandTop + 6 < h { out.append(0x2D) }  // -: next band (none after the last)
        }
        out += [0x1B, 0x5C]
        return out
    }

    /// Nearest palette entry per pixel, with optional Floyd–Steinberg error diffusion.
    func map(_ pixels: [RGB8], palette: [RGB8], width w: Int, height h: Int, stickiness: Int = 0) -> [UInt8] {
        var search = NearestColour(palette: palette)
        func nearest(_ c: RGB8) -> UInt8 { search.index(of: c) }
        guard dither else { return search.indices(of: pixels, width: w, stickiness: stickiness) }
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
    static func runLength(_ masks: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var end = masks.endIndex
        while end > masks.startIndex && masks[end - 1] == 0 { end -= 1 }
        var x = masks.startIndex
        while x < end {
            let m = masks[x]
            var n = 1
            while x + n < end && masks[x + n] == m { n += 1 }
            run(m, count: n, into: &out)
            x += n
        }
    }

    /// One mask repeated `count` times: as itself up to three times, else !count and the mask.
    static func run(_ mask: UInt8, count: Int, into out: inout [UInt8]) {
        let ch = 0x3F + mask
        if count >= 4 {
            out.append(0x21)
            appendDecimal(count, to: &out)
            out.append(ch)
        } else {
            for _ in 0..<count { out.append(ch) }
        }
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &out) }
        out.append(0x30 + UInt8(value % 10))
    }

    static func percent(_ v: UInt8) -> Int { (Int(v) * 100 + 127) / 255 }

    /// The colour a register set to this colour's percentages shows.
    static func shown(_ c: RGB8) -> RGB8 {
        func back(_ v: UInt8) -> UInt8 { UInt8((percent(v) * 255 + 50) / 100) }
        return RGB8(back(c.r), back(c.g), back(c.b))
    }
}
