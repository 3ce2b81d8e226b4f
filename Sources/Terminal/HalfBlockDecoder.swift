import Imaging

/// Reads a half-block stream back into cells: cursor positioning, SGR colours (24-bit and 256), ▀ glyphs.
/// Used by tests and by the fuzzer; tolerant of any bytes (unknown sequences are skipped).
public struct HalfBlockDecoder {
    public let columns: Int
    public let rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// Applies `bytes` onto `start` (or a black image) as a terminal would, with the image's top-left at (1, 1).
    public func decode(_ bytes: [UInt8], onto start: CellImage? = nil) -> CellImage {
        var image = start ?? CellImage(columns: columns, rows: rows, top: Array(repeating: RGB8(0, 0, 0), count: columns * rows),
                                       bottom: Array(repeating: RGB8(0, 0, 0), count: columns * rows))
        var row = 0, col = 0
        var fg = RGB8(255, 255, 255), bg = RGB8(0, 0, 0)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x1B, i + 1 < bytes.count, bytes[i + 1] == 0x5B {
                var j = i + 2
                var params: [Int] = []
                var current = 0, hasDigit = false
                while j < bytes.count, (0x30...0x3F).contains(bytes[j]) {
                    if bytes[j] == 0x3B {
                        params.append(hasDigit ? current : 0)
                        current = 0
                        hasDigit = false
                    }
                    else if bytes[j] >= 0x30 && bytes[j] <= 0x39 {
                        current = min(100_000, current * 10 + Int(bytes[j] - 0x30))
                        hasDigit = true
                    }
                    j += 1
                }
                params.append(hasDigit ? current : 0)
                guard j < bytes.count else { break }
                let final = bytes[j]
                if final == 0x48 {  // H: cursor position
                    row = max(1, params.first ?? 1) - 1
                    col = max(1, params.count > 1 ? params[1] : 1) - 1
                } else if final == 0x6D {  // m: SGR
                    var k = 0
                    while k < params.count {
                        let p = params[k]
                        if p == 0 {
                            fg = RGB8(255, 255, 255)
                            bg = RGB8(0, 0, 0)
                            k += 1
                            continue
                        }
                        if p == 38 || p == 48, k + 1 < params.count {
                            var colour: RGB8? = nil
                            if params[k + 1] == 2, k + 4 < params.count {
                                colour = RGB8(UInt8(clamping: params[k + 2]), UInt8(clamping: params[k + 3]), UInt8(clamping: params[k + 4]))
                                k += 5
                            } else if params[k + 1] == 5, k + 2 < params.count {
                                colour = ColourMode.paletteColour(UInt8(clamping: max(16, params[k + 2])))
                                k += 3
                            } else {
                                k += 2
                            }
                            if let colour { if p == 38 { fg = colour } else { bg = colour } }
                            continue
                        }
                        k += 1
                    }
                }
                i = j + 1
                continue
            }
            if bytes[i] == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x96, bytes[i + 2] == 0x80 {
                if row < rows && col < columns {
                    image.top[row * columns + col] = fg
                    image.bottom[row * columns + col] = bg
                }
                col += 1
                i += 3
                continue
            }
            i += 1
        }
        return image
    }
}
