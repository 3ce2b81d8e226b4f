import Imaging
@testable import Studio
import Terminal
import Testing
@testable import StudioTerminal

/// Sixel sizing and re-sending in the studio's picture slots, without a terminal.
@Suite struct SixelSlotTests {
    static let frame = Frame(width: 64, height: 36, pixels: [UInt8](repeating: 200, count: 64 * 36 * 4))
    static let slot = ImageSlot(row: 1, column: 36, columns: 40, rows: 11, content: .keyframe(shotID: "s01", progress: nil))

    @Test func pixelSizeKeepsTheAspectFitsTheSlotAndIsWholeBands() {
        let graphics = StudioGraphics(mode: .sixel, cellSize: (9, 17))
        for (columns, rows) in [(40, 11), (81, 23), (3, 1), (200, 5), (1, 60)] {
            let size = graphics.pixelSize(frameWidth: 1024, frameHeight: 576, columns: columns, rows: rows)
            #expect(size.width <= columns * 9 && size.height <= max(6, rows * 17), "\(size) in \(columns)×\(rows)")
            #expect(size.height % 6 == 0 && size.width >= 1)
        }
        // 82×23 cells of 10×20 px: height-bound 460 px, down to 456 (76 bands), width from the 16:9 aspect.
        let standard = StudioGraphics(mode: .sixel).pixelSize(frameWidth: 1024, frameHeight: 576, columns: 82, rows: 23)
        #expect(standard.width == 817 && standard.height == 456)
        // The terminal's graphics limit (XTSMGRAPHICS) bounds it too.
        var limited = StudioGraphics(mode: .sixel)
        limited.maxGraphicsSize = (300, 1000)
        let small = limited.pixelSize(frameWidth: 1024, frameHeight: 576, columns: 81, rows: 23)
        #expect(small.width == 300 && small.height == 168)
    }

    @Test func aSlotIsSentOnceUntilItsFrameOrSlotChangesOrItIsForgotten() throws {
        let slots = SixelSlots(graphics: StudioGraphics(mode: .sixel))
        let first = slots.bytes(for: Self.frame, source: { Self.frame }, slot: Self.slot)
        let text = String(decoding: first, as: UTF8.self)
        // Moved to the slot's top-left cell, then the sixel, which decodes to a size inside the slot.
        #expect(text.hasPrefix("\u{1B}[2;37H\u{1B}P"))
        let image = try SixelDecoder.decode(first)
        #expect(image.width <= 400 && image.height <= 220 && image.height % 6 == 0)
        #expect(slots.bytes(for: Self.frame, source: { Self.frame }, slot: Self.slot).isEmpty)
        // A new frame (even with the same pixels, as a fresh render) is sent again, over the same area.
        var other = Self.frame
        other.pixels[0] = 1
        let again = String(decoding: slots.bytes(for: other, source: { other }, slot: Self.slot), as: UTF8.self)
        #expect(again.hasPrefix("\u{1B}[2;37H\u{1B}P"), "same size: no erase first")
        slots.forget()
        #expect(!slots.bytes(for: other, source: { other }, slot: Self.slot).isEmpty)
        // A slot left without a frame is blanked with ECH on each of its rows, once.
        let blank = String(decoding: slots.vacate(Self.slot), as: UTF8.self)
        #expect(blank.components(separatedBy: "\u{1B}[40X").count - 1 == 11)
        #expect(slots.vacate(Self.slot).isEmpty)
        // A picture of another size blanks the slot first.
        _ = slots.bytes(for: Self.frame, source: { Self.frame }, slot: Self.slot)
        let tall = Frame(width: 10, height: 40, pixels: [UInt8](repeating: 90, count: 10 * 40 * 4))
        let resized = String(decoding: slots.bytes(for: tall, source: { tall }, slot: Self.slot), as: UTF8.self)
        #expect(resized.hasPrefix("\u{1B}[0m\u{1B}[2;37H\u{1B}[40X"))
    }
}
