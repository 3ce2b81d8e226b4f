import Drawing
import Imaging
import Testing

/// Frame ⇄ cairo surface, checked against values worked out by hand: cairo holds premultiplied B, G, R, A
/// (little-endian ARGB32); premultiplying truncates, un-premultiplying rounds.
@Suite struct FrameSurfaceTests {
    /// Straight RGBA in: half-transparent orange, opaque blue-black, transparent white, all-but-transparent red.
    let frame = Frame(width: 2, height: 2, pixels: [200, 100, 50, 128, 10, 20, 30, 255, 255, 255, 255, 0, 255, 0, 0, 1])

    @Test func aFrameIsPremultipliedIntoTheSurface() {
        let canvas = Canvas(width: 2, height: 2)
        canvas.draw(frame)
        // 200·128/255 = 100.4 → 100, 100·128/255 = 50.2 → 50, 50·128/255 = 25.1 → 25; opaque as is; alpha 0 is
        // all zero; 255·1/255 = 1.
        #expect(canvas.premultipliedBGRA() == [25, 50, 100, 128, 30, 20, 10, 255, 0, 0, 0, 0, 0, 0, 1, 1])
    }

    @Test func theRoundTripKeepsOpaquePixelsAndRoundsTheRest() {
        let canvas = Canvas(width: 2, height: 2)
        canvas.draw(frame)
        // (100·255 + 64) / 128 = 199.7 → 199, (50·255 + 64) / 128 = 100.1 → 100, (25·255 + 64) / 128 = 50.3 → 50;
        // the transparent pixel loses its colour, as premultiplied alpha must; 1·255 / 1 = 255.
        #expect(canvas.frame().pixels == [199, 100, 50, 128, 10, 20, 30, 255, 0, 0, 0, 0, 255, 0, 0, 1])
    }

    @Test func cairosOwnPaintReadsBackInFrameOrder() {
        let canvas = Canvas(width: 3, height: 1)
        canvas.paint(RGB(hex: 0x336699))
        #expect(canvas.premultipliedBGRA() == [0x99, 0x66, 0x33, 255, 0x99, 0x66, 0x33, 255, 0x99, 0x66, 0x33, 255])
        #expect(canvas.frame().pixels == [0x33, 0x66, 0x99, 255, 0x33, 0x66, 0x99, 255, 0x33, 0x66, 0x99, 255])
    }

    @Test func aSmallerFrameLeavesTheRestOfTheCanvas() {
        let canvas = Canvas(width: 3, height: 2)
        canvas.draw(Frame(width: 1, height: 1, pixels: [10, 20, 30, 255]))
        let pixels = canvas.frame().pixels
        #expect(Array(pixels[0..<4]) == [10, 20, 30, 255])
        #expect(pixels[4...].allSatisfy { $0 == 0 })
    }

    @Test func aCanvasCompositesOverRGBRows() {
        let canvas = Canvas(width: 1, height: 1)
        canvas.draw(Frame(width: 1, height: 1, pixels: [200, 100, 50, 128]))
        // Two rows of one white pixel; the canvas lands on the second: premultiplied + 255·127/255, so
        // 100 + 127, 50 + 127, 25 + 127.
        var rgb: [UInt8] = [255, 255, 255, 255, 255, 255]
        canvas.composite(over: &rgb, rowWidth: 1, top: 1)
        let expected: [UInt8] = [255, 255, 255, 227, 177, 152]
        #expect(rgb == expected)
    }
}
