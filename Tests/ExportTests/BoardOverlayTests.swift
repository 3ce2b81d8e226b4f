import Imaging
import Project
import Testing
@testable import Export

/// The board's camera-move arrows (moved here from the sketch model with the overlay).
@Suite struct BoardOverlayTests {
    let width = 320, height = 180

    /// A field-like panel: light sky over darker ground.
    func panel() -> Frame {
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        for y in 0..<height {
            let colour: [UInt8] = y < height / 2 ? [170, 200, 230] : [90, 130, 70]
            for x in 0..<width {
                for c in 0..<3 { pixels[(y * width + x) * 4 + c] = colour[c] }
            }
        }
        return Frame(width: width, height: height, pixels: pixels)
    }

    /// Fraction of pixels inside a rectangle that differ by more than a little between two frames.
    func changed(_ a: Frame, _ b: Frame, in r: (x0: Int, y0: Int, x1: Int, y1: Int)) -> Double {
        var count = 0, total = 0
        for y in r.y0..<r.y1 {
            for x in r.x0..<r.x1 {
                total += 1
                let i = (y * a.width + x) * 4
                let d = (0..<3).reduce(0) { $0 + abs(Int(a.pixels[i + $1]) - Int(b.pixels[i + $1])) }
                if d > 24 { count += 1 }
            }
        }
        return total == 0 ? 0 : Double(count) / Double(total)
    }

    @Test func cameraMoveArrowsGoWhereTheyShould() {
        let frame = panel()
        #expect(CameraMoveOverlay.draw(.static, on: frame) == frame)
        let push = CameraMoveOverlay.draw(.pushIn, on: frame)
        let corner = (x0: 0, y0: 0, x1: width / 5, y1: height / 5)
        #expect(changed(frame, push, in: corner) > 0.02)
        let centre = (x0: width * 2 / 5, y0: height * 2 / 5, x1: width * 3 / 5, y1: height * 3 / 5)
        #expect(changed(frame, push, in: centre) < 0.01)
        let pan = CameraMoveOverlay.draw(.panRight, on: frame)
        #expect(changed(frame, pan, in: centre) > 0.05)
        #expect(changed(frame, pan, in: corner) < 0.01)
    }
}
