import Foundation
import Imaging
import Studio
import Testing
import TestSupport

/// The real studio on a pseudo-terminal that answers as kitty or iTerm2 (the same Python terminal as the sixel
/// tests): pictures go out in that protocol, fit their slots, and kitty's are sent once and then placed by id.
@Suite(.serialized) struct StudioPixelProtocolTests {
    let sixel = StudioSixelTests()

    /// Each kitty command with the cursor move (row, column) just before it, if any.
    func kittyCommands(_ bytes: [UInt8]) throws -> [(keys: [String: String], payload: [UInt8], at: (Int, Int)?)] {
        var out: [(keys: [String: String], payload: [UInt8], at: (Int, Int)?)] = []
        var i = 0
        while i + 2 < bytes.count {
            guard bytes[i] == 0x1B, bytes[i + 1] == 0x5F, bytes[i + 2] == 0x47 else {
                i += 1
                continue
            }
            guard let end = (i..<(bytes.count - 1)).first(where: { bytes[$0] == 0x1B && bytes[$0 + 1] == 0x5C }) else { break }
            let command = try #require(PixelProtocolReader.kittyCommands(Array(bytes[i..<(end + 2)])).commands.first)
            let before = String(decoding: bytes[max(0, i - 12)..<i], as: UTF8.self)
            var at: (Int, Int)?
            if before.hasSuffix("H"), let csi = before.range(of: "\u{1B}[", options: .backwards) {
                let n = before[csi.upperBound...].dropLast().split(separator: ";").compactMap { Int($0) }
                if n.count == 2 { at = (n[0], n[1]) }
            }
            out.append((command.keys, command.payload, at))
            i = end + 2
        }
        return out
    }

    @Test func kittyPicturesAreSentOnceThenPlacedMovedAndDeletedById() throws {
        // Settle, idle, help (?) and back (Esc), resize, quit.
        let r = try sixel.runStudio(reply: "\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[6;20;10t\u{1B}[?62;c",
                                    steps: ["wait:2", "wait:1.5", "key:3f", "wait:1.5", "key:1b", "wait:1.5", "resize:30x100", "wait:4", "key:71"])
        #expect(r.status == 0, "\(r.notes)")
        try #require(r.marks.count == 9, "\(r.notes)")
        let m = r.marks
        let text = String(decoding: r.out, as: UTF8.self)
        #expect(!text.contains("▀") && !text.contains("\u{1B}Pq") && !text.contains("\u{1B}P0;1;0q"), "half-blocks or sixel on a kitty terminal")
        // Up to settling: the preview was transmitted (a=t, quiet) and placed at the preview slot's corner.
        let settled = try kittyCommands(Array(r.out[..<m[1]]))
        let slot = try sixel.previewSlot(r.folder.path)
        let placement = try #require(settled.last { $0.keys["a"] == "p" })
        #expect(placement.at?.0 == slot.row + 1 && placement.at?.1 == slot.column + 1, "placed at \(String(describing: placement.at)), slot \(slot)")
        let id = try #require(placement.keys["i"])
        #expect(settled.contains { $0.keys["a"] == "t" && $0.keys["i"] == id && $0.keys["q"] == "2" })
        // Its pixels decode and fit the slot at 10 × 20-pixel cells.
        let chunks = settled.filter { $0.keys["i"] == id || ($0.keys["a"] == nil && $0.keys["m"] != nil) }
        let start = try #require(chunks.firstIndex { $0.keys["a"] == "t" && $0.keys["i"] == id })
        let end = try #require(chunks[start...].firstIndex { $0.keys["m"] == "0" })
        let png = try #require(Data(base64Encoded: Data(chunks[start...end].flatMap(\.payload))))
        let picture = try PNGDecoder.decode(Array(png)).frame
        #expect(picture.width <= slot.columns * 10 && picture.height <= slot.rows * 20 && picture.width > slot.columns * 5)
        // Idle: nothing at all.
        #expect(try kittyCommands(Array(r.out[m[1]..<m[2]])).isEmpty)
        // Help: every placement comes down (d=a), nothing is sent.
        let help = try kittyCommands(Array(r.out[m[2]..<m[4]]))
        #expect(help.contains { $0.keys["a"] == "d" && $0.keys["d"] == "a" } && !help.contains { $0.keys["a"] == "t" })
        // Back: the same picture placed again by id, its pixels not sent again.
        let back = try kittyCommands(Array(r.out[m[4]..<m[6]]))
        #expect(back.contains { $0.keys["a"] == "p" && $0.keys["i"] == id }, "\(back.map(\.keys))")
        #expect(!back.contains { $0.keys["a"] == "t" }, "re-sent: \(back.map(\.keys))")
        // A resize gives the preview another size: sent at that size, placed in the new slot, the old one freed.
        let resized = try kittyCommands(Array(r.out[m[6]..<m[8]]))
        let small = try #require(try sixel.slots(r.folder.path, columns: 100, rows: 30).first)
        let moved = try #require(resized.last { $0.keys["a"] == "p" })
        #expect(moved.at?.0 == small.row + 1 && moved.at?.1 == small.column + 1)
        #expect(resized.contains { $0.keys["a"] == "d" && $0.keys["d"] == "I" && $0.keys["i"] == id }, "\(resized.map(\.keys))")
        // On the way out every picture goes.
        #expect(try kittyCommands(Array(r.out[m[8]...])).contains { $0.keys["a"] == "d" && $0.keys["d"] == "A" })
    }

    @Test func iTermGetsInlineImagesThatFitTheSlot() throws {
        let r = try sixel.runStudio(reply: "\u{1B}P>|iTerm2 3.5.4\u{1B}\\\u{1B}[6;20;10t\u{1B}[?62;4c")
        #expect(r.status == 0, "\(r.notes)")
        let text = String(decoding: r.out, as: UTF8.self)
        #expect(!text.contains("▀") && sixel.sixels(in: r.out).isEmpty, "half-blocks or sixel on iTerm2")
        let marker = "\u{1B}]1337;File="
        let parts = text.components(separatedBy: marker)
        #expect(parts.count > 1, "no inline image")
        // The last image: at the preview slot's corner, and its PNG fits the slot.
        let lastStart = try #require(r.out.indices.last { r.out[$0...].starts(with: Array(marker.utf8)) })
        let before = String(decoding: r.out[max(0, lastStart - 12)..<lastStart], as: UTF8.self)
        let slot = try sixel.previewSlot(r.folder.path)
        #expect(before.hasSuffix("\u{1B}[\(slot.row + 1);\(slot.column + 1)H"), "\(before.debugDescription)")
        let image = try PixelProtocolReader.iTermImage(Array(r.out[lastStart...]))
        let frame = try PNGDecoder.decode(image.file).frame
        #expect(image.arguments["width"] == "\(frame.width)px" && sixel.fits(frame, slot), "\(frame.width)×\(frame.height) in \(slot)")
    }
}
