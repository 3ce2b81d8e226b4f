import Foundation
import Imaging
import Testing
import TestSupport
@testable import Terminal

/// The kitty graphics and iTerm2 inline-image encoders, read back by decoders written here from the protocols'
/// documentation (APC chunks and OSC 1337 arguments, base64 by Foundation, PNG by libpng), compared pixel for pixel.
@Suite struct PixelProtocolTests {
    /// A picture whose PNG needs several 4096-byte chunks: gradients and a pseudo-random texture, opaque.
    static let picture: Frame = {
        var pixels: [UInt8] = []
        var state: UInt32 = 12345
        for y in 0..<150 {
            for x in 0..<200 {
                state = state &* 1_664_525 &+ 1_013_904_223
                pixels += [UInt8(x * 255 / 199), UInt8(y * 255 / 149), UInt8(truncatingIfNeeded: state >> 24), 255]
            }
        }
        return Frame(width: 200, height: 150, pixels: pixels)
    }()

    static func kittyCommands(_ bytes: [UInt8]) throws -> [PixelProtocolReader.KittyCommand] {
        let read = try PixelProtocolReader.kittyCommands(bytes)
        #expect(read.between.isEmpty, "bytes outside the commands")
        return read.commands
    }

    @Test func kittyTransmissionDecodesToTheSamePixels() throws {
        let bytes = try KittyGraphics.transmit(Self.picture, id: 77)
        let commands = try Self.kittyCommands(bytes)
        #expect(commands.count > 2, "the test picture should need several chunks")
        let first = try #require(commands.first)
        #expect(first.keys["a"] == "t" && first.keys["f"] == "100" && first.keys["i"] == "77")
        for (n, command) in commands.enumerated() {
            let last = n == commands.count - 1
            // Every chunk is quiet, says whether more follow, and all but the last are whole base64 quanta ≤ 4096.
            #expect(command.keys["q"] == "2" && command.keys["m"] == (last ? "0" : "1"))
            #expect(command.payload.count <= 4096 && (last || command.payload.count % 4 == 0))
            if n > 0 { #expect(command.keys["a"] == nil && command.keys["i"] == nil) }
        }
        let base64 = commands.flatMap(\.payload)
        let png = try #require(Data(base64Encoded: Data(base64)))
        let decoded = try PNGDecoder.decode(Array(png)).frame
        #expect(decoded.width == 200 && decoded.height == 150)
        #expect(decoded.pixels == Self.picture.pixels)
    }

    @Test func kittyPlacementDeletionAndDisplay() throws {
        let place = try Self.kittyCommands(KittyGraphics.place(id: 9, placement: 1))
        #expect(place.count == 1 && place[0].keys == ["a": "p", "i": "9", "p": "1", "C": "1", "q": "2"] && place[0].payload.isEmpty)
        let delete = try Self.kittyCommands(KittyGraphics.delete(id: 9))
        #expect(delete[0].keys == ["a": "d", "d": "I", "i": "9", "q": "2"])
        #expect(try Self.kittyCommands(KittyGraphics.deletePlacements)[0].keys == ["a": "d", "d": "a", "q": "2"])
        #expect(try Self.kittyCommands(KittyGraphics.deleteAll)[0].keys == ["a": "d", "d": "A", "q": "2"])
        // A small picture: one chunk, transmitted and shown at once.
        let small = Frame(width: 3, height: 2, pixels: [UInt8](repeating: 200, count: 24))
        let display = try Self.kittyCommands(KittyGraphics.display(small))
        #expect(display.count == 1 && display[0].keys["a"] == "T" && display[0].keys["m"] == "0")
        let png = try #require(Data(base64Encoded: Data(display[0].payload)))
        #expect(try PNGDecoder.decode(Array(png)).frame.pixels == small.pixels)
    }

    static func iTermImage(_ bytes: [UInt8]) throws -> (arguments: [String: String], frame: Frame) {
        let (arguments, file) = try PixelProtocolReader.iTermImage(bytes)
        #expect(bytes.first == 0x1B && bytes.last == 0x07)
        #expect(arguments["size"] == String(file.count), "size= is the file's length in bytes")
        return (arguments, try PNGDecoder.decode(file).frame)
    }

    @Test func iTermImageDecodesToTheSamePixels() throws {
        let (arguments, frame) = try Self.iTermImage(ITermImage.encode(Self.picture))
        #expect(arguments["inline"] == "1" && arguments["width"] == "200px" && arguments["height"] == "150px")
        #expect(arguments["doNotMoveCursor"] == "1")
        #expect(frame.width == 200 && frame.height == 150 && frame.pixels == Self.picture.pixels)
    }

    @Test func repliesNameKittyAndITerm() {
        var kitty = TerminalCapabilities()
        ReplyParser.parse(Array("\u{1B}_Gi=31;OK\u{1B}\\\u{1B}P>|kitty(0.35.2)\u{1B}\\\u{1B}[?62;c".utf8), into: &kitty)
        #expect(kitty.kitty && !kitty.iterm2 && kitty.version == "kitty(0.35.2)" && kitty.bestMode == .kitty)
        var iterm = TerminalCapabilities()
        ReplyParser.parse(Array("\u{1B}P>|iTerm2 3.5.4\u{1B}\\\u{1B}[?62;4c".utf8), into: &iterm)
        #expect(iterm.iterm2 && iterm.sixel && !iterm.kitty && iterm.bestMode == .iterm2)
        // An error answer, or an answer about another image, is not a yes.
        for reply in ["\u{1B}_Gi=31;ENOTSUPPORTED:no\u{1B}\\", "\u{1B}_Gi=7;OK\u{1B}\\", "\u{1B}_Gi=31;OK"] {
            var caps = TerminalCapabilities()
            ReplyParser.parse(Array((reply + "\u{1B}[?62;4c").utf8), into: &caps)
            #expect(!caps.kitty, "\(reply.debugDescription)")
        }
        // The environment: iTerm2 locally and over ssh, WezTerm.
        for env in [["TERM_PROGRAM": "iTerm.app"], ["LC_TERMINAL": "iTerm2"], ["TERM_PROGRAM": "WezTerm"]] {
            var caps = TerminalCapabilities()
            ReplyParser.applyEnvironment(env, to: &caps)
            #expect(caps.iterm2 && caps.bestMode == .iterm2, "\(env)")
        }
        // tmux without passthrough still means half-blocks.
        var tmux = kitty
        ReplyParser.applyEnvironment(["TMUX": "/tmp/tmux-0/default,1,0"], to: &tmux)
        #expect(tmux.bestMode == .halfblock)
    }

    /// Probes a pseudo-terminal that answers as a real terminal would.
    func probe(answering reply: String) throws -> TerminalCapabilities {
        let pty = try PseudoTerminal()
        let terminal = pty.answer(afterQueries: 1, with: Array(reply.utf8))
        let caps = TerminalProbe.detect(fd: pty.slave, output: pty.slave, timeoutMilliseconds: 2000, environment: [:])
        while !terminal.isFinished { usleep(1000) }
        return caps
    }

    @Test func theProbeAsksKittyAndXTVersionBeforeDA1() {
        let text = String(decoding: TerminalProbe.query(passthrough: false).bytes, as: UTF8.self)
        #expect(text.hasPrefix("\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\\u{1B}[>0q") && text.hasSuffix("\u{1B}[c"))
    }

    @Test func detectionThroughAPseudoTerminal() throws {
        // kitty: answers the graphics query, then DA1 without sixel.
        let kitty = try probe(answering: "\u{1B}_Gi=31;OK\u{1B}\\\u{1B}P>|kitty(0.35.2)\u{1B}\\\u{1B}[?62;c")
        #expect(kitty.kitty && kitty.bestMode == .kitty)
        // iTerm2: no kitty answer, names itself in XTVERSION.
        let iterm = try probe(answering: "\u{1B}P>|iTerm2 3.5.4\u{1B}\\\u{1B}[?62;4c")
        #expect(iterm.iterm2 && !iterm.kitty && iterm.bestMode == .iterm2)
        // xterm with sixel.
        let xterm = try probe(answering: "\u{1B}P>|XTerm(390)\u{1B}\\\u{1B}[?2;0;1000;1000S\u{1B}[?63;1;2;4;6;9;15;22c")
        #expect(xterm.sixel && !xterm.kitty && !xterm.iterm2 && xterm.bestMode == .sixel && xterm.version == "XTerm(390)")
        // A silent terminal: half-blocks once the timeout is up.
        let pty = try PseudoTerminal()
        let silent = TerminalProbe.detect(fd: pty.slave, output: pty.slave, timeoutMilliseconds: 300, environment: [:])
        #expect(!silent.answered && silent.bestMode == .halfblock)
    }
}
