import Foundation
import Testing
@testable import Terminal

#if canImport(Glibc)
import Glibc
#endif

/// The start-up probe: what it asks, how it reads real and broken replies, and that it never waits past its timeout.
@Suite struct TerminalProbeTests {
    static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> Int {
        guard haystack.count >= needle.count else { return 0 }
        return (0...(haystack.count - needle.count)).filter { Array(haystack[$0..<($0 + needle.count)]) == needle }.count
    }

    @Test func xtermGeometryReplySetsTheLargestSixel() {
        var caps = TerminalCapabilities()
        // xterm's answer to CSI ? 2 ; 1 ; 0 S, among its other replies.
        ReplyParser.parse(Array("\u{1B}[?1;0;1024S\u{1B}[?2;0;1000;1000S\u{1B}[?62;4;22c".utf8), into: &caps)
        #expect(caps.maxGraphicsSize?.width == 1000 && caps.maxGraphicsSize?.height == 1000)
        #expect(caps.colourRegisters == 1024 && caps.sixel)
        // A failure status (Ps 3) or a missing height sets nothing.
        for reply in ["\u{1B}[?2;3;0S", "\u{1B}[?2;0;1000S", "\u{1B}[?2;0;0;0S"] {
            var failed = TerminalCapabilities()
            ReplyParser.parse(Array(reply.utf8), into: &failed)
            #expect(failed.maxGraphicsSize == nil, "\(reply.debugDescription)")
        }
    }

    @Test func theOneWriteAsksForGeometryAndEndsWithDA1() {
        let plain = TerminalProbe.query(passthrough: false)
        let text = String(decoding: plain.bytes, as: UTF8.self)
        #expect(text.contains("\u{1B}[?1;1;0S") && text.contains("\u{1B}[?2;1;0S") && text.contains("\u{1B}[16t"))
        #expect(text.hasSuffix("\u{1B}[c") && plain.deviceAttributes == 1)
        // Through tmux: the same queries wrapped for the outer terminal, then a DA1 tmux answers itself.
        let tmux = TerminalProbe.query(passthrough: true)
        let plainDA1 = Array("\u{1B}[c".utf8)
        #expect(Array(tmux.bytes.suffix(3)) == plainDA1 && tmux.deviceAttributes == 2)
        #expect(TmuxPassthrough.unwrap(Array(tmux.bytes.dropLast(3))) == plain.bytes)
    }

    @Test func countsOnlyCompleteDeviceAttributeReplies() {
        #expect(ReplyParser.deviceAttributeReplies(in: Array("\u{1B}[?1;2c\u{1B}[?62;4c".utf8)) == 2)
        #expect(ReplyParser.deviceAttributeReplies(in: Array("\u{1B}[?1;0;256S\u{1B}[?62;4".utf8)) == 0)
    }

    @Test func aTerminalThatNeverAnswersCostsOnlyTheTimeout() throws {
        let pty = try PseudoTerminal()
        let start = Date()
        let caps = TerminalProbe.detect(fd: pty.slave, output: pty.slave, timeoutMilliseconds: 300, environment: [:])
        let elapsed = Date().timeIntervalSince(start)
        print("probe of a silent terminal returned after \(String(format: "%.3f", elapsed)) s")
        #expect(elapsed < 3)
        #expect(!caps.answered && !caps.sixel && caps.maxGraphicsSize == nil && caps.bestMode == .halfblock)
    }

    @Test func garbageThenRepliesAreParsed() throws {
        let pty = try PseudoTerminal()
        let reply = Array("x\u{1B}]junk\u{07}\u{1B}[?2;0;1000;1000S\u{1B}[?62;4;22c".utf8)
        let terminal = pty.answer(afterQueries: 1, with: reply)
        let start = Date()
        let caps = TerminalProbe.detect(fd: pty.slave, output: pty.slave, timeoutMilliseconds: 2000, environment: [:])
        print("probe of an answering terminal returned after \(String(format: "%.3f", Date().timeIntervalSince(start))) s")
        while !terminal.isFinished { usleep(1000) }
        #expect(caps.answered && caps.sixel && caps.bestMode == .sixel)
        #expect(caps.maxGraphicsSize?.width == 1000 && caps.maxGraphicsSize?.height == 1000)
    }

    @Test func insideTmuxWithPassthroughTheProbeWaitsForBothReplies() throws {
        let pty = try PseudoTerminal()
        // The outer terminal's answer (sixel) and then tmux's own (no sixel).
        let terminal = pty.answer(afterQueries: 2, with: Array("\u{1B}[?62;4;22c\u{1B}[?1;2c".utf8))
        let caps = TerminalProbe.detect(fd: pty.slave, output: pty.slave, timeoutMilliseconds: 2000,
                                        environment: ["TMUX": "/tmp/tmux-0/default,1,0", "STORYREEL_TMUX_PASSTHROUGH": "1"])
        while !terminal.isFinished { usleep(1000) }
        #expect(caps.tmuxPassthrough && !caps.insideTmux && caps.sixel && caps.bestMode == .sixel)
    }
}
