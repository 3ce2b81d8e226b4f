import Foundation
import Imaging
import Testing
import TestSupport
import Terminal

/// `storyreel show` in kitty and iTerm2 mode, chosen by --mode, STORYREEL_GRAPHICS or a terminal's answers, and
/// at the picture's own size when there is no terminal to fit: read back with the tests' own protocol readers.
@Suite struct ShowPixelModesTests {
    let show = ShowCommandTests()

    func kittyPicture(_ out: [UInt8]) throws -> (keys: [String: String], frame: Frame) {
        let commands = try PixelProtocolReader.kittyCommands(out).commands
        let first = try #require(commands.first { $0.keys["a"] == "T" })
        return (first.keys, try PNGDecoder.decode(PixelProtocolReader.kittyFile(commands)).frame)
    }

    func iTermPicture(_ out: [UInt8]) throws -> (arguments: [String: String], frame: Frame) {
        let image = try PixelProtocolReader.iTermImage(out)
        return (image.arguments, try PNGDecoder.decode(image.file).frame)
    }

    @Test func withoutATerminalEveryModeWritesThePictureAtItsOwnSize() throws {
        let folder = TestFolder()
        let png = try show.writeSource(in: folder)
        let kitty = try show.showRedirected([png, "--mode", "kitty"])
        #expect(kitty.status == 0, "\(kitty.err)")
        let k = try kittyPicture(kitty.out)
        #expect(k.keys["q"] == "2" && k.keys["f"] == "100")
        #expect(k.frame.width == 160 && k.frame.height == 80 && k.frame.pixels == ShowCommandTests.source.pixels)
        let iterm = try show.showRedirected([png, "--mode", "iterm2"])
        #expect(iterm.status == 0, "\(iterm.err)")
        let i = try iTermPicture(iterm.out)
        #expect(i.arguments["width"] == "160px" && i.arguments["height"] == "80px" && i.arguments["inline"] == "1")
        #expect(i.frame.pixels == ShowCommandTests.source.pixels)
        let sixel = try show.showRedirected([png, "--mode", "sixel"])
        let decoded = try SixelDecoder.decode(sixel.out)
        #expect(decoded.width == 160 && decoded.height == 80 && decoded.pixels == ShowCommandTests.source.pixels)
        // Half-blocks: one pixel per half cell, 160 columns × 40 rows, not squeezed into an 80-column guess.
        let cells = try show.showRedirected([png])
        let lines = cells.out.split(separator: 0x0A).filter { $0.contains(0xE2) }
        #expect(lines.count == 40)
        for (r, line) in lines.enumerated() where r % 13 == 0 {
            let row = HalfBlockDecoder(columns: 160, rows: 1).decode(Array(line))
            for c in stride(from: 0, to: 160, by: 7) {
                #expect(row.top[c] == ShowCommandTests.block(c / 10, 2 * r / 10) && row.bottom[c] == ShowCommandTests.block(c / 10, (2 * r + 1) / 10))
            }
        }
    }

    @Test func theVariableAndModeChooseKittyAndITerm() throws {
        let folder = TestFolder()
        let png = try show.writeSource(in: folder)
        let args = [png, "--cols", "16", "--rows", "20"]
        #expect(try kittyPicture(show.showRedirected(args, env: ["STORYREEL_GRAPHICS": "kitty"]).out).frame.width == 160)
        #expect(try iTermPicture(show.showRedirected(args, env: ["STORYREEL_GRAPHICS": "iterm2"]).out).frame.width == 160)
        #expect(try iTermPicture(show.showRedirected(args + ["--mode", "iterm2"], env: ["STORYREEL_GRAPHICS": "kitty"]).out).frame.width == 160)
        let unknown = try show.showRedirected(args + ["--mode", "ascii"])
        #expect(unknown.status == 2 && unknown.err.contains("kitty, iterm2, sixel or halfblock"))
    }

    @Test func aKittyTerminalGetsKittyAndITermGetsInlineImages() throws {
        let folder = TestFolder()
        let png = try show.writeSource(in: folder)
        let args = [png, "--mode", "auto", "--cols", "16", "--rows", "20"]
        // kitty answers the graphics query (and says nothing of sixel).
        let kitty = try show.showInTerminal(args, answering: "\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[?62;c")
        #expect(kitty.status == 0)
        let k = try kittyPicture(kitty.out)
        // 16 × 4 cells of the default 10 × 20 pixels: the source's own size.
        #expect(k.frame.width == 160 && k.frame.height == 80 && k.frame.pixels == ShowCommandTests.source.pixels)
        // iTerm2 names itself in XTVERSION; it has sixel too, but inline images come first.
        let iterm = try show.showInTerminal(args, answering: "\u{1B}P>|iTerm2 3.5.4\u{1B}\\\u{1B}[?62;4c")
        #expect(iterm.status == 0)
        #expect(try iTermPicture(iterm.out).frame.pixels == ShowCommandTests.source.pixels)
        // Inside tmux with passthrough: the kitty picture is wrapped for the outer terminal.
        let tmux = try show.showInTerminal(args, answering: "\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[?62;c",
                                           env: ["TMUX": "/tmp/tmux-0/default,1,0", "STORYREEL_TMUX_PASSTHROUGH": "1"])
        let prefix = Array("\u{1B}Ptmux;".utf8)
        let start = try #require(tmux.out.indices.last { tmux.out[$0...].starts(with: prefix) })
        let wrapped = Array(tmux.out[start...].prefix { $0 != 0x0A && $0 != 0x0D })
        let payload = try #require(TmuxPassthrough.unwrap(wrapped))
        #expect(try kittyPicture(payload).frame.pixels == ShowCommandTests.source.pixels)
    }
}
