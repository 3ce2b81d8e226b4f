import Imaging
@testable import Studio
import Terminal
import Testing
import TestSupport
@testable import StudioTerminal

/// kitty pictures in the studio's slots: sent once under an id, then only placed, moved and deleted by that id.
@Suite struct KittySlotTests {
    static let frame = Frame(width: 64, height: 36, pixels: [UInt8](repeating: 200, count: 64 * 36 * 4))
    static let slot = ImageSlot(row: 1, column: 36, columns: 40, rows: 11, content: .keyframe(shotID: "s01", progress: nil))

    /// The kitty commands in `bytes` (actions in order) and the cursor moves between them.
    func read(_ bytes: [UInt8]) throws -> (commands: [PixelProtocolReader.KittyCommand], text: String) {
        let read = try PixelProtocolReader.kittyCommands(bytes)
        return (read.commands, String(decoding: read.between, as: UTF8.self))
    }

    @Test func aPictureIsSentOncePlacedAgainByIdAndFreedWhenReplaced() throws {
        let slots = KittySlots(graphics: StudioGraphics(mode: .kitty))
        let first = try read(slots.bytes(for: Self.frame, source: { Self.frame }, slot: Self.slot))
        let transmit = try #require(first.commands.first)
        let id = try #require(transmit.keys["i"])
        #expect(transmit.keys["a"] == "t" && first.text == "\u{1B}[2;37H")
        let place = try #require(first.commands.last)
        #expect(place.keys["a"] == "p" && place.keys["i"] == id && place.keys["C"] == "1")
        // Pixels inside the slot, its aspect kept (64 × 36 in 400 × 220 at 10 × 20 cells).
        let picture = try PNGDecoder.decode(PixelProtocolReader.kittyFile(first.commands)).frame
        #expect(picture.width <= 400 && picture.height <= 220 && abs(Double(picture.width) / Double(picture.height) - 64.0 / 36) < 0.05)
        // Unchanged: nothing.
        #expect(slots.bytes(for: Self.frame, source: { Self.frame }, slot: Self.slot).isEmpty)
        // After a repaint every placement comes down, and the same picture is placed again by id, without its pixels.
        let forget = try read(slots.forget())
        #expect(forget.commands.map(\.keys) == [["a": "d", "d": "a", "q": "2"]])
        let replaced = try read(slots.bytes(for: Self.frame, source: {
            Issue.record("pixels made again")
            return Self.frame
        }, slot: Self.slot))
        #expect(replaced.commands.map { $0.keys["a"] } == ["p"] && replaced.commands[0].keys["i"] == id)
        // A new layout moves it: the same id placed at the new corner, nothing transmitted.
        _ = slots.forget()
        var moved = Self.slot
        moved.row = 3
        moved.column = 2
        let move = try read(slots.bytes(for: Self.frame, source: { Self.frame }, slot: moved))
        #expect(move.commands.map { $0.keys["a"] } == ["p"] && move.commands[0].keys["i"] == id && move.text == "\u{1B}[4;3H")
        // A new frame in the slot: sent under a new id, placed, then the old one freed.
        var other = Self.frame
        other.pixels[0] = 1
        let next = try read(slots.bytes(for: other, source: { other }, slot: moved))
        #expect(next.commands.map { $0.keys["a"] } == ["t", "p", "d"])
        let newID = try #require(next.commands.first?.keys["i"])
        #expect(newID != id && next.commands[1].keys["i"] == newID)
        #expect(next.commands[2].keys["d"] == "I" && next.commands[2].keys["i"] == id)
        // A slot left without a frame: its picture is deleted, once.
        let vacated = try read(slots.vacate(moved))
        #expect(vacated.commands.map(\.keys) == [["a": "d", "d": "I", "i": newID, "q": "2"]])
        #expect(slots.vacate(moved).isEmpty)
        // On the way out everything goes.
        #expect(try read(slots.close()).commands.map(\.keys) == [["a": "d", "d": "A", "q": "2"]])
    }

    @Test func insideTmuxEveryCommandTravelsInAPassthrough() throws {
        var graphics = StudioGraphics(mode: .kitty)
        graphics.passthrough = true
        let slots = KittySlots(graphics: graphics)
        var bytes = slots.bytes(for: Self.frame, source: { Self.frame }, slot: Self.slot)
        // Split into wrapped sequences: each unwraps, and together they are the plain commands with the cursor move.
        var payload: [UInt8] = []
        let prefix = Array("\u{1B}Ptmux;".utf8)
        while !bytes.isEmpty {
            #expect(bytes.starts(with: prefix))
            var end = prefix.count
            // Inside, every ESC is doubled; the first ESC \ with a single ESC ends the wrap.
            while end + 1 < bytes.count, !(bytes[end] == 0x1B && bytes[end + 1] == 0x5C) {
                end += bytes[end] == 0x1B ? 2 : 1
            }
            payload += try #require(TmuxPassthrough.unwrap(Array(bytes[..<(end + 2)])))
            bytes.removeFirst(end + 2)
        }
        let plain = try read(payload)
        #expect(plain.commands.map { $0.keys["a"] } == ["t", "p"] && plain.text == "\u{1B}[2;37H")
    }
}
