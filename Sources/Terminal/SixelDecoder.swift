import Imaging

/// Reads sixel data back into pixels as a terminal would: raster attributes, colour registers (RGB and HLS
/// percentages), colour selection, sixel characters, repeats, carriage returns and band feeds.
/// Used by tests, benchmarks (to score other encoders) and the fuzzer; never traps on bad input.
public enum SixelDecoder {
    /// Largest image accepted, so a hostile repeat count cannot exhaust memory.
    public static let maximumSide = 8192

    public struct DecodeError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The image, unpainted pixels in `background`.
    public static func decode(_ bytes: [UInt8], background: RGB8 = RGB8(0, 0, 0)) throws -> Frame {
        guard let start = bytes.firstIndex(of: 0x71) else { throw DecodeError(description: "no sixel introducer 'q'") }
        var registers = [RGB8](repeating: RGB8(0, 0, 0), count: 256)
        var width = 0, height = 0
        var pixels: [Int: [UInt8]] = [:]  // row → RGBA, alpha 0 where nothing was painted; grown as needed
        var declared: (Int, Int)? = nil
        var colour = 0, x = 0, bandTop = 0
        var maxX = 0, maxY = 0
        var i = start + 1
        func number() -> Int {
            var v = 0, any = false
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                v = min(1_000_000, v * 10 + Int(bytes[i] - 0x30))
                i += 1
                any = true
            }
            return any ? v : 0
        }
        func numbers() -> [Int] {
            var out = [number()]
            while i < bytes.count, bytes[i] == 0x3B {
                i += 1
                out.append(number())
            }
            return out
        }
        func paint(_ mask: UInt8, count: Int) throws {
            guard x + count <= maximumSide, bandTop + 6 <= maximumSide + 6 else { throw DecodeError(description: "image larger than \(maximumSide) pixels") }
            let c = registers[colour % 256]
            for bit in 0..<6 where mask & (1 << bit) != 0 {
                let y = bandTop + bit
                guard y < maximumSide else { continue }
                var row = pixels[y] ?? []
                if row.count < (x + count) * 4 { row += [UInt8](repeating: 0, count: (x + count) * 4 - row.count) }
                for k in 0..<count {
                    let o = (x + k) * 4
                    row[o] = c.r
                    row[o + 1] = c.g
                    row[o + 2] = c.b
                    row[o + 3] = 255
                }
                pixels[y] = row
                maxY = max(maxY, y + 1)
            }
            x += count
            maxX = max(maxX, x)
        }
        loop: while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x1B: break loop  // ST
            case 0x22:  // " raster attributes
                i += 1
                let p = numbers()
                if p.count >= 4 { declared = (min(maximumSide, p[2]), min(maximumSide, p[3])) }
            case 0x23:  // # colour
                i += 1
                let p = numbers()
                colour = p[0] % 256
                if p.count >= 5 {
                    if p[1] == 2 {
                        registers[colour] = RGB8(byte(p[2]), byte(p[3]), byte(p[4]))
                    } else if p[1] == 1 {
                        registers[colour] = hls(p[2], p[3], p[4])
                    }
                }
            case 0x21:  // ! repeat
                i += 1
                let n = max(1, number())
                if i < bytes.count, (0x3F...0x7E).contains(bytes[i]) {
                    try paint(bytes[i] - 0x3F, count: n)
                    i += 1
                }
            case 0x24:
                x = 0
                i += 1
            case 0x2D:
                x = 0
                bandTop += 6
                i += 1
            case 0x3F...0x7E:
                try paint(b - 0x3F, count: 1)
                i += 1
            default: i += 1
            }
        }
        width = max(declared?.0 ?? 0, maxX)
        height = max(declared?.1 ?? 0, maxY)
        guard width > 0, height > 0 else { throw DecodeError(description: "empty sixel image") }
        var out = [UInt8](repeating: 255, count: width * height * 4)
        for y in 0..<height {
            let row = pixels[y] ?? []
            for xx in 0..<width {
                let o = (y * width + xx) * 4, r = xx * 4
                if r + 3 < row.count && row[r + 3] != 0 {
                    out[o] = row[r]
                    out[o + 1] = row[r + 1]
                    out[o + 2] = row[r + 2]
                } else {
                    out[o] = background.r
                    out[o + 1] = background.g
                    out[o + 2] = background.b
                }
            }
        }
        return Frame(width: width, height: height, pixels: out)
    }

    static func byte(_ percent: Int) -> UInt8 { UInt8((min(100, percent) * 255 + 50) / 100) }

    /// DEC HLS (hue 0° = blue) to RGB.
    static func hls(_ h: Int, _ l: Int, _ s: Int) -> RGB8 {
        let hue = Double((h + 240) % 360) / 360, light = Double(min(100, l)) / 100, sat = Double(min(100, s)) / 100
        if sat == 0 {
            let v = UInt8(light * 255)
            return RGB8(v, v, v)
        }
        let q = light < 0.5 ? light * (1 + sat) : light + sat - light * sat
        let p = 2 * light - q
        func channel(_ t0: Double) -> UInt8 {
            var t = t0
            if t < 0 { t += 1 }
            if t > 1 { t -= 1 }
            let v: Double
            if t < 1.0 / 6 { v = p + (q - p) * 6 * t } else if t < 0.5 { v = q } else if t < 2.0 / 3 { v = p + (q - p) * (2.0 / 3 - t) * 6 } else { v = p }
            return UInt8(max(0, min(255, (v * 255).rounded())))
        }
        return RGB8(channel(hue + 1.0 / 3), channel(hue), channel(hue - 1.0 / 3))
    }
}
