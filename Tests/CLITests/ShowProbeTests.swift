import Foundation
import Imaging
import Testing
import TestSupport
import Terminal

/// `storyreel show --mode auto` on a pseudo-terminal whose other end answers the probe as a terminal would, so the
/// mode, the sixel size and tmux handling are what a user would get, decoded with the project's own decoders.
@Suite struct ShowProbeTests {
    let show = ShowCommandTests()

    /// Runs `storyreel show ARGS` on a pty that answers every DA1 query it sees with `reply`; all it wrote.
    func showAnswering(_ reply: String, _ args: [String], env: [String: String] = [:]) throws -> (out: [UInt8], status: Int32) {
        try show.showInTerminal(args, answering: reply, env: env)
    }

    static let sixelTerminal = "\u{1B}[?62;4;22c", plainTerminal = "\u{1B}[?62;22c"

    /// The sixel in `out`: from its DCS to the end, after the probe's queries.
    func sixel(in out: [UInt8]) throws -> Frame {
        let start = try #require(out.indices.last { $0 + 2 < out.count && out[$0] == 0x1B && out[$0 + 1] == 0x50 && out[$0 + 2] != 0x74 })
        return try SixelDecoder.decode(Array(out[start...]))
    }

    func arguments(in folder: TestFolder) throws -> [String] {
        [try show.writeSource(in: folder), "--mode", "auto", "--cols", "16", "--rows", "20"]
    }

    @Test func aSixelTerminalGetsSixelAtTheCellSize() throws {
        let folder = TestFolder()
        let r = try showAnswering(Self.sixelTerminal, try arguments(in: folder))
        #expect(r.status == 0)
        let decoded = try sixel(in: r.out)
        // 16 × 4 cells at the default 10 × 20-pixel cell: the source's own 160 × 80.
        #expect(decoded.width == 160 && decoded.height == 80)
        #expect(decoded.pixels == ShowCommandTests.source.pixels)
    }

    @Test func theLargestSixelCapsTheSizeKeepingTheAspect() throws {
        let folder = TestFolder()
        let r = try showAnswering("\u{1B}[?2;0;100;100S" + Self.sixelTerminal, try arguments(in: folder))
        #expect(r.status == 0)
        let decoded = try sixel(in: r.out)
        #expect(decoded.width == 100 && decoded.height == 50)
    }

    @Test func aTerminalWithoutSixelGetsHalfBlocks() throws {
        let folder = TestFolder()
        let r = try showAnswering(Self.plainTerminal, try arguments(in: folder))
        #expect(r.status == 0)
        #expect(show.decodeHalfBlocks(r.out) != nil && !show.text(r.out).contains("\u{1B}P"))
    }

    @Test func tmuxWithoutPassthroughGetsHalfBlocksEvenWithSixel() throws {
        let folder = TestFolder()
        let r = try showAnswering(Self.sixelTerminal, try arguments(in: folder), env: ["TMUX": "/tmp/tmux-0/default,1,0"])
        #expect(r.status == 0)
        #expect(show.decodeHalfBlocks(r.out) != nil && !show.text(r.out).contains("\u{1B}P"))
    }

    @Test func tmuxWithPassthroughGetsAWrappedSixel() throws {
        let folder = TestFolder()
        let r = try showAnswering(Self.sixelTerminal, try arguments(in: folder),
                                  env: ["TMUX": "/tmp/tmux-0/default,1,0", "STORYREEL_TMUX_PASSTHROUGH": "1"])
        #expect(r.status == 0)
        // The last passthrough is the picture (the first one carried the probe's queries).
        let prefix = Array("\u{1B}Ptmux;".utf8)
        let start = try #require(r.out.indices.last { r.out[$0...].starts(with: prefix) })
        let wrapped = Array(r.out[start...].prefix { $0 != 0x0A && $0 != 0x0D })
        let payload = try #require(TmuxPassthrough.unwrap(wrapped))
        let decoded = try SixelDecoder.decode(payload)
        #expect(decoded.width == 160 && decoded.height == 80)
    }
}
