import Foundation
import Imaging
import Testing
@testable import Terminal

@Suite struct HalfBlockTests {
    func randomImage(columns: Int, rows: Int, seed: UInt64) -> CellImage {
        var state = seed
        func next() -> UInt8 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        let top = (0..<(columns * rows)).map { _ in RGB8(next(), next(), next()) }
        let bottom = (0..<(columns * rows)).map { _ in RGB8(next(), next(), next()) }
        return CellImage(columns: columns, rows: rows, top: top, bottom: bottom)
    }

    @Test func truecolorRoundTripIsExact() {
        let image = randomImage(columns: 37, rows: 11, seed: 1)
        let bytes = HalfBlockEncoder().encode(image, row: 1, column: 1)
        #expect(HalfBlockDecoder(columns: 37, rows: 11).decode(bytes) == image)
    }

    @Test func palette256RoundTripGivesTheNearestPaletteColours() {
        let image = randomImage(columns: 20, rows: 6, seed: 2)
        let decoded = HalfBlockDecoder(columns: 20, rows: 6).decode(HalfBlockEncoder(colourMode: .palette256).encode(image))
        for i in 0..<image.top.count {
            #expect(decoded.top[i] == ColourMode.paletteColour(ColourMode.paletteIndex(image.top[i])))
        }
        // The palette choice is the nearest entry: compare with a brute-force search over indices 16…255.
        for c in image.top.prefix(30) {
            let chosen = ColourMode.paletteColour(ColourMode.paletteIndex(c))
            func d(_ p: RGB8) -> Int {
                let r = Int(p.r) - Int(c.r), g = Int(p.g) - Int(c.g), b = Int(p.b) - Int(c.b)
                return r * r + g * g + b * b
            }
            let best = (16...255).map { d(ColourMode.paletteColour(UInt8($0))) }.min()!
            #expect(d(chosen) == best)
        }
    }

    @Test func sgrIsElidedWhenColoursRepeat() {
        let flat = CellImage(columns: 50, rows: 2, top: Array(repeating: RGB8(1, 2, 3), count: 100), bottom: Array(repeating: RGB8(4, 5, 6), count: 100))
        let bytes = HalfBlockEncoder().encode(flat)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.components(separatedBy: "38;2;").count == 2)  // one colour change for 100 cells
    }

    @Test func diffModeSendsOnlyChangedCells() {
        let before = randomImage(columns: 128, rows: 36, seed: 3)
        var after = before
        // A 16×16-pixel patch is 16 columns × 8 rows of cells.
        for r in 10..<18 {
            for c in 40..<56 {
                after.top[r * 128 + c] = RGB8(255, 0, 0)
                after.bottom[r * 128 + c] = RGB8(0, 255, 0)
            }
        }
        let diff = HalfBlockEncoder().encode(after, previous: before)
        #expect(HalfBlockDecoder(columns: 128, rows: 36).decode(diff, onto: before) == after)
        #expect(diff.count <= 2048, "diff is \(diff.count) bytes")
        #expect(HalfBlockEncoder().encode(after, previous: after).isEmpty)
    }

    @Test func downscaleAveragesInLinearLight() {
        // A 1-pixel black/white checkerboard averages to half the light: sRGB 188, not 128.
        var pixels = [UInt8]()
        for y in 0..<8 {
            for x in 0..<8 {
                let v: UInt8 = (x + y) % 2 == 0 ? 255 : 0
                pixels += [v, v, v, 255]
            }
        }
        let image = CellImage(frame: Frame(width: 8, height: 8, pixels: pixels), columns: 1, rows: 1)
        #expect(abs(Int(image.top[0].r) - 188) <= 1 && abs(Int(image.bottom[0].r) - 188) <= 1)
        // Uniform blocks come through exactly.
        var blocks = [UInt8]()
        for y in 0..<4 {
            for x in 0..<6 {
                let c: [UInt8] = [UInt8(x / 2 * 80), UInt8(y / 2 * 90), 33, 255]
                blocks += c
            }
        }
        let cells = CellImage(frame: Frame(width: 6, height: 4, pixels: blocks), columns: 3, rows: 1)
        #expect(cells.top == [RGB8(0, 0, 33), RGB8(80, 0, 33), RGB8(160, 0, 33)])
        #expect(cells.bottom == [RGB8(0, 90, 33), RGB8(80, 90, 33), RGB8(160, 90, 33)])
    }

    @Test func transparentPixelsShowTheBackground() {
        let clear = Frame(width: 4, height: 4, fill: (200, 10, 10, 0))
        let image = CellImage(frame: clear, columns: 2, rows: 1, background: RGB8(9, 8, 7))
        #expect(image.top.allSatisfy { $0 == RGB8(9, 8, 7) })
    }
}

@Suite struct SixelTests {
    func psnr(_ a: Frame, _ b: Frame) -> Double {
        var se = 0.0
        for i in 0..<(a.width * a.height) {
            for c in 0..<3 {
                let d = Double(a.pixels[i * 4 + c]) - Double(b.pixels[i * 4 + c])
                se += d * d
            }
        }
        let mse = se / Double(a.width * a.height * 3)
        return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
    }

    /// Flat areas in colours a sixel register holds exactly (percentages), with hard edges.
    func flatFrame(width: Int, height: Int) -> Frame {
        let colours: [[UInt8]] = [[0, 0, 0], [255, 255, 255], [153, 51, 204], [26, 179, 102], [230, 128, 77]]
        var pixels = [UInt8]()
        for y in 0..<height { for x in 0..<width { pixels += colours[(x / 7 + y / 5) % colours.count] + [255] } }
        return Frame(width: width, height: height, pixels: pixels)
    }

    @Test func flatArtRoundTripsExactly() throws {
        let frame = flatFrame(width: 64, height: 41)
        let bytes = SixelEncoder().encode(frame)
        let decoded = try SixelDecoder.decode(bytes)
        #expect(decoded.width == 64 && decoded.height == 41)
        #expect(decoded.pixels == frame.pixels)
        // Raster attributes, and no graphics newline before the string terminator.
        #expect(String(decoding: bytes.prefix(40), as: UTF8.self).contains("\"1;1;64;41"))
        #expect(bytes.suffix(3).first != 0x2D)
    }

    @Test func gradientsKeepHighPSNR() throws {
        var pixels = [UInt8](), state: UInt32 = 7
        for y in 0..<96 {
            for x in 0..<160 {
                state = state &* 1664525 &+ 1013904223
                let noise = Int(state >> 28) - 8
                pixels += [UInt8(clamping: x * 255 / 159 + noise), UInt8(clamping: y * 255 / 95 + noise), UInt8(clamping: 128 + noise), 255]
            }
        }
        let frame = Frame(width: 160, height: 96, pixels: pixels)
        let plain = try SixelDecoder.decode(SixelEncoder().encode(frame))
        let dithered = try SixelDecoder.decode(SixelEncoder(dither: true).encode(frame))
        #expect(psnr(frame, plain) > 30, "PSNR \(psnr(frame, plain))")
        #expect(psnr(frame, dithered) > 27, "dithered PSNR \(psnr(frame, dithered))")
        // Fewer registers, lower but still usable quality.
        #expect(psnr(frame, try SixelDecoder.decode(SixelEncoder(maxColours: 16).encode(frame))) > 22)
    }

    @Test(arguments: [(1, 1), (4097, 3), (5, 7), (3, 13), (17, 6)])
    func oddSizesKeepTheirSize(width: Int, height: Int) throws {
        let frame = flatFrame(width: width, height: height)
        let decoded = try SixelDecoder.decode(SixelEncoder().encode(frame))
        #expect(decoded.width == width && decoded.height == height)
        #expect(decoded.pixels == frame.pixels)
    }

    @Test func fullyTransparentFrameIsTheBackground() throws {
        let clear = Frame(width: 9, height: 8, fill: (255, 0, 0, 0))
        let decoded = try SixelDecoder.decode(SixelEncoder(background: RGB8(0, 0, 0)).encode(clear))
        #expect(decoded.width == 9 && decoded.pixels.enumerated().allSatisfy { $0.offset % 4 == 3 || $0.element == 0 })
    }

    @Test func hostileSixelDataIsAnErrorNotACrash() {
        #expect(throws: SixelDecoder.DecodeError.self) { try SixelDecoder.decode(Array("\u{1B}Pq#0;2;0;0;0!999999999~".utf8)) }
        #expect(throws: SixelDecoder.DecodeError.self) { try SixelDecoder.decode(Array("garbage".utf8)) }
        var state: UInt32 = 1
        for _ in 0..<300 {
            var bytes = Array("\u{1B}Pq".utf8)
            for _ in 0..<64 {
                state = state &* 1103515245 &+ 12345
                bytes.append(UInt8(truncatingIfNeeded: state >> 16))
            }
            _ = try? SixelDecoder.decode(bytes)
        }
    }
}

@Suite struct ReplyParserTests {
    @Test func readsDeviceAttributesGraphicsAndCellSize() {
        var caps = TerminalCapabilities()
        ReplyParser.parse(Array("\u{1B}[?1;0;1024S\u{1B}[6;20;10t\u{1B}[?62;4;9;22c".utf8), into: &caps)
        #expect(caps.answered && caps.sixel && caps.colourRegisters == 1024)
        #expect(caps.cellSize?.width == 10 && caps.cellSize?.height == 20)
        var plain = TerminalCapabilities()
        ReplyParser.parse(Array("\u{1B}[?62;22c".utf8), into: &plain)
        #expect(plain.answered && !plain.sixel && plain.bestMode == .halfblock)
    }

    @Test func garbageOrTruncatedRepliesMeanUnknown() {
        for reply in ["", "\u{1B}[?62;4", "\u{1B}[?;;;c", "\u{1B}[6;0;0t", "\u{1B}[?1;3;0S", "xyz\u{1B}\u{1B}[", "\u{1B}[?99999999999999999;4c"] {
            var caps = TerminalCapabilities()
            ReplyParser.parse(Array(reply.utf8), into: &caps)
            #expect(caps.colourRegisters == nil && caps.cellSize == nil)
        }
        var state: UInt32 = 3
        for _ in 0..<500 {
            var bytes: [UInt8] = [0x1B, 0x5B]
            for _ in 0..<24 {
                state = state &* 1103515245 &+ 12345
                bytes.append(UInt8(truncatingIfNeeded: state >> 16) % 64 + 0x20)
            }
            var caps = TerminalCapabilities()
            ReplyParser.parse(bytes, into: &caps)
        }
    }

    @Test func tmuxMeansHalfBlocksUnlessPassthroughIsOn() {
        var caps = TerminalCapabilities()
        ReplyParser.parse(Array("\u{1B}[?62;4c".utf8), into: &caps)
        ReplyParser.applyEnvironment(["TMUX": "/tmp/tmux-0/default,1,0", "COLORTERM": "truecolor"], to: &caps)
        #expect(caps.truecolor && caps.insideTmux && caps.bestMode == .halfblock)
        var passthrough = TerminalCapabilities()
        ReplyParser.parse(Array("\u{1B}[?62;4c".utf8), into: &passthrough)
        ReplyParser.applyEnvironment(["TMUX": "x", "STORYREEL_TMUX_PASSTHROUGH": "1"], to: &passthrough)
        #expect(passthrough.bestMode == .sixel)
    }
}
