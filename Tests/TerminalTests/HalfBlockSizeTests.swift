import Imaging
import Testing
@testable import Terminal

/// Half-blocks at the sizes that break encoders: one pixel, wider than 4096, odd heights, nothing opaque.
@Suite struct HalfBlockSizeTests {
    /// Column `x`'s colour: every column is one colour from top to bottom.
    static func colour(_ x: Int) -> RGB8 { RGB8(UInt8(x * 37 % 256), UInt8(x * 91 % 256), UInt8((x * 13 + 7) % 256)) }

    static func stripes(width: Int, height: Int) -> Frame {
        var pixels = [UInt8]()
        pixels.reserveCapacity(width * height * 4)
        for _ in 0..<height {
            for x in 0..<width {
                let c = colour(x)
                pixels += [c.r, c.g, c.b, 255]
            }
        }
        return Frame(width: width, height: height, pixels: pixels)
    }

    @Test(arguments: [(1, 1), (4097, 2), (4097, 3), (5, 7), (3, 13), (17, 6), (2, 1)])
    func oddSizesKeepTheirSizeAndColours(width: Int, height: Int) {
        let rows = (height + 1) / 2
        let cells = CellImage(frame: Self.stripes(width: width, height: height), columns: width, rows: rows)
        #expect(cells.columns == width && cells.rows == rows)
        // Whatever the vertical scaling of an odd height, a one-colour column shows that colour in both halves.
        for r in 0..<rows {
            for x in 0..<width {
                #expect(cells.top[r * width + x] == Self.colour(x) && cells.bottom[r * width + x] == Self.colour(x), "cell \(x),\(r)")
            }
        }
        let bytes = HalfBlockEncoder().encode(cells)
        #expect(HalfBlockDecoder(columns: width, rows: rows).decode(bytes) == cells)
        // Inline (as `storyreel show` writes): one line per row, each decoding to that row.
        let lines = HalfBlockEncoder().encodeInline(cells).split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == rows)
        for (r, line) in lines.enumerated() {
            let row = HalfBlockDecoder(columns: width, rows: 1).decode(Array(line))
            #expect(row.top == Array(cells.top[(r * width)..<((r + 1) * width)]))
        }
        let palette = HalfBlockDecoder(columns: width, rows: rows).decode(HalfBlockEncoder(colourMode: .palette256).encode(cells))
        #expect(palette.top.enumerated().allSatisfy { $0.element == ColourMode.paletteColour(ColourMode.paletteIndex(cells.top[$0.offset])) })
    }

    @Test func onePixelFillsBothHalvesOfOneCell() {
        let frame = Frame(width: 1, height: 1, fill: (200, 100, 50, 255))
        let cell = CellImage(frame: frame, columns: 1, rows: 1)
        #expect(cell.top == [RGB8(200, 100, 50)] && cell.bottom == [RGB8(200, 100, 50)])
        #expect(HalfBlockDecoder(columns: 1, rows: 1).decode(HalfBlockEncoder().encode(cell)) == cell)
        // Drawn at the bottom-right cell of a screen, nothing lands outside it.
        let screen = HalfBlockDecoder(columns: 3, rows: 2).decode(HalfBlockEncoder().encode(cell, row: 2, column: 3))
        #expect(screen.top[5] == RGB8(200, 100, 50) && screen.top[0..<5].allSatisfy { $0 == RGB8(0, 0, 0) })
    }

    @Test func fullyTransparentFrameIsTheBackground() {
        for background in [RGB8(0, 0, 0), RGB8(9, 8, 7), RGB8(255, 255, 255)] {
            let clear = Frame(width: 9, height: 8, fill: (255, 0, 0, 0))
            let cells = CellImage(frame: clear, columns: 9, rows: 4, background: background)
            #expect(cells.top.allSatisfy { $0 == background } && cells.bottom.allSatisfy { $0 == background })
            let decoded = HalfBlockDecoder(columns: 9, rows: 4).decode(HalfBlockEncoder().encode(cells))
            #expect(decoded.top.allSatisfy { $0 == background } && decoded.bottom.allSatisfy { $0 == background })
        }
    }
}
