import Imaging

/// How colours are sent: 24-bit SGR or the xterm 256-colour palette.
public enum ColourMode: Sendable, Equatable {
    case truecolor
    case palette256

    /// 24-bit colour only where the terminal says it has it: COLORTERM is `truecolor` or `24bit`, or its terminfo
    /// entry has `RGB`. Otherwise the 256-colour palette, which every colour terminal in use shows; 24-bit SGR
    /// on a terminal without it comes out as wrong colours or garbage.
    public static func detect(environment: [String: String]) -> ColourMode {
        let colorterm = environment["COLORTERM"]?.lowercased() ?? ""
        if colorterm == "truecolor" || colorterm == "24bit" { return .truecolor }
        return Terminfo.hasRGB(environment: environment) ? .truecolor : .palette256
    }

    /// The nearest xterm-256 index: the 6×6×6 cube or the 24-step grey ramp, whichever is closer.
    public static func paletteIndex(_ c: RGB8) -> UInt8 {
        let levels: [Int] = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ v: UInt8) -> Int {
            var best = 0
            for i in 1..<6 where abs(levels[i] - Int(v)) < abs(levels[best] - Int(v)) { best = i }
            return best
        }
        let (ri, gi, bi) = (nearestLevel(c.r), nearestLevel(c.g), nearestLevel(c.b))
        let cube = (levels[ri], levels[gi], levels[bi])
        let mean = (Int(c.r) + Int(c.g) + Int(c.b)) / 3
        let greyIndex = max(0, min(23, (mean - 8 + 5) / 10))
        let grey = 8 + greyIndex * 10
        func distance(_ a: (Int, Int, Int)) -> Int {
            let dr = a.0 - Int(c.r), dg = a.1 - Int(c.g), db = a.2 - Int(c.b)
            return dr * dr + dg * dg + db * db
        }
        return distance((grey, grey, grey)) < distance(cube) ? UInt8(232 + greyIndex) : UInt8(16 + 36 * ri + 6 * gi + bi)
    }

    /// The colour an xterm-256 index shows (16…255).
    public static func paletteColour(_ index: UInt8) -> RGB8 {
        if index >= 232 {
            let v = UInt8(8 + Int(index - 232) * 10)
            return RGB8(v, v, v)
        }
        let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
        let i = Int(index) - 16
        return RGB8(levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
    }
}
