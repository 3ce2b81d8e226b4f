import Imaging

/// Writes a cell image as U+2580 (▀) cells with foreground = top pixel and background = bottom pixel.
///
/// SGR parameters are sent only when a colour changes from the previous cell; in diff mode only cells that
/// differ from the previous image are sent, with a cursor jump over unchanged runs.
public struct HalfBlockEncoder: Sendable {
    public var colourMode: ColourMode

    public init(colourMode: ColourMode = .truecolor) {
        self.colourMode = colourMode
    }

    /// Bytes that draw `image` with its top-left cell at 1-based (`row`, `column`); with `previous` (same size),
    /// only changed cells. Ends with an SGR reset.
    public func encode(_ image: CellImage, row: Int = 1, column: Int = 1, previous: CellImage? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(image.columns * image.rows * 12)
        let diff = previous.map { $0.columns == image.columns && $0.rows == image.rows } ?? false
        var fg: RGB8? = nil, bg: RGB8? = nil
        for r in 0..<image.rows {
            var cursorAt: Int? = nil  // column the terminal cursor is at in this row, if known
            for c in 0..<image.columns {
                let i = r * image.columns + c
                let top = image.top[i], bottom = image.bottom[i]
                if diff, let p = previous, p.top[i] == top, p.bottom[i] == bottom { continue }
                if cursorAt != c {
                    out += Array("\u{1B}[\(row + r);\(column + c)H".utf8)
                }
                if fg != top || bg != bottom {
                    out += Array("\u{1B}[".utf8)
                    if fg != top { appendColour(top, foreground: true, to: &out) }
                    if bg != bottom {
                        if fg != top { out.append(0x3B) }
                        appendColour(bottom, foreground: false, to: &out)
                    }
                    out.append(0x6D)
                    fg = top
                    bg = bottom
                }
                out += [0xE2, 0x96, 0x80]  // ▀
                cursorAt = c + 1
            }
        }
        if fg != nil { out += Array("\u{1B}[0m".utf8) }
        return out
    }

    /// Bytes that print `image` at the cursor, row by row with newlines (for a shell, not a full-screen app).
    public func encodeInline(_ image: CellImage) -> [UInt8] {
        var out: [UInt8] = []
        for r in 0..<image.rows {
            let row = CellImage(columns: image.columns, rows: 1,
                                top: Array(image.top[(r * image.columns)..<((r + 1) * image.columns)]),
                                bottom: Array(image.bottom[(r * image.columns)..<((r + 1) * image.columns)]))
            var line = encode(row)
            // Drop the leading cursor jump: inline rows start wherever the cursor is.
            if let h = line.firstIndex(of: 0x48) { line.removeSubrange(0...h) }
            out += line
            out += [0x0A]
        }
        return out
    }

    private func appendColour(_ c: RGB8, foreground: Bool, to out: inout [UInt8]) {
        switch colourMode {
        case .truecolor:
            out += Array(foreground ? "38;2;".utf8 : "48;2;".utf8)
            appendNumber(Int(c.r), to: &out)
            out.append(0x3B)
            appendNumber(Int(c.g), to: &out)
            out.append(0x3B)
            appendNumber(Int(c.b), to: &out)
        case .palette256:
            out += Array(foreground ? "38;5;".utf8 : "48;5;".utf8)
            appendNumber(Int(ColourMode.paletteIndex(c)), to: &out)
        }
    }

    @inline(__always) private func appendNumber(_ n: Int, to out: inout [UInt8]) {
        if n >= 100 { out.append(UInt8(48 + n / 100)) }
        if n >= 10 { out.append(UInt8(48 + (n / 10) % 10)) }
        out.append(UInt8(48 + n % 10))
    }
}
