import Foundation
import Imaging
import Testing
@testable import Terminal

/// Sixel on photographic pictures (what a neural model renders): the fast nearest-colour search is exact, and
/// keeping the left neighbour's colour within a bound saves bytes for a bounded loss, on photographs only.
@Suite struct SixelPhotographTests {
    /// A smooth two-way gradient with grain: almost every pixel a colour of its own.
    static let photograph: Frame = {
        var pixels: [UInt8] = []
        var state: UInt32 = 7
        for y in 0..<120 {
            for x in 0..<200 {
                state = state &* 1_664_525 &+ 1_013_904_223
                let n = Int(state >> 29) - 4
                func clamp(_ v: Int) -> UInt8 { UInt8(max(0, min(255, v + n))) }
                pixels += [clamp(30 + x), clamp(200 - y), clamp(60 + (x + y) / 3), 255]
            }
        }
        return Frame(width: 200, height: 120, pixels: pixels)
    }()

    func psnr(_ a: Frame, _ b: Frame) -> Double {
        var se = 0.0
        for i in 0..<(a.width * a.height) {
            for c in 0..<3 {
                let d = Double(a.pixels[i * 4 + c]) - Double(b.pixels[i * 4 + c])
                se += d * d
            }
        }
        return 10 * log10(255 * 255 / (se / Double(a.width * a.height * 3)))
    }

    @Test func theCellSearchFindsWhatAFullSearchFinds() {
        var state: UInt32 = 99
        func next() -> UInt8 {
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(state >> 24)
        }
        // A palette bunched in one corner (as a photograph's is) and one spread out; ties included (duplicates).
        let bunched = (0..<200).map { _ in RGB8(next() / 4, next() / 4 + 20, next() / 4) }
        let spread = (0..<64).map { _ in RGB8(next(), next(), next()) } + [RGB8(10, 10, 10), RGB8(10, 10, 10)]
        for palette in [bunched, spread] {
            var search = NearestColour(palette: palette)
            for _ in 0..<20_000 {
                let c = RGB8(next(), next(), next())
                var best = 0
                for i in palette.indices where NearestColour.distance(palette[i], c) < NearestColour.distance(palette[best], c) { best = i }
                #expect(search.index(of: c) == UInt8(best))
            }
        }
    }

    @Test func photographsGetFewerBytesForABoundedLoss() throws {
        let frame = Self.photograph
        let sticky = SixelEncoder().encode(frame)
        let nearest = SixelEncoder(stickiness: 0).encode(frame)
        let a = try SixelDecoder.decode(sticky), b = try SixelDecoder.decode(nearest)
        print("photograph: \(sticky.count) bytes at \(psnr(frame, a)) dB, nearest only \(nearest.count) bytes at \(psnr(frame, b)) dB")
        #expect(Double(sticky.count) < 0.9 * Double(nearest.count))
        #expect(psnr(frame, a) > 36 && psnr(frame, b) - psnr(frame, a) < 3)
        // Every pixel is within the bound of the nearest colour the palette has (the palette as decoded).
        let palette = Array(Set((0..<(b.width * b.height)).map { RGB8(b.pixels[$0 * 4], b.pixels[$0 * 4 + 1], b.pixels[$0 * 4 + 2]) }))
        for i in stride(from: 0, to: frame.width * frame.height, by: 37) {
            let c = RGB8(frame.pixels[i * 4], frame.pixels[i * 4 + 1], frame.pixels[i * 4 + 2])
            let shown = RGB8(a.pixels[i * 4], a.pixels[i * 4 + 1], a.pixels[i * 4 + 2])
            let best = palette.map { NearestColour.distance($0, c) }.min() ?? 0
            #expect(NearestColour.distance(shown, c) <= best + 150)
        }
    }

    @Test func flatArtKeepsTheNearestColour() throws {
        // Flat blocks crossed by a thin soft line: hundreds of distinct colours, few pixels of them, so the palette
        // meets the error target with a few dozen entries.
        var pixels: [UInt8] = []
        for y in 0..<60 {
            for x in 0..<90 {
                let base: [Int] = x < 45 ? [200, 40, 40] : [30, 60, 200]
                let k = abs(x - y - 15) < 2 ? Double((x * 7 + y * 13) % 300) / 300 : 0
                pixels += base.map { UInt8(Double($0) * (1 - k) + 255 * k) } + [255]
            }
        }
        let frame = Frame(width: 90, height: 60, pixels: pixels)
        #expect(SixelEncoder().encode(frame) == SixelEncoder(stickiness: 0).encode(frame))
    }
}
