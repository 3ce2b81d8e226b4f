import Foundation
import Imaging
import Testing
import TestSupport
import Terminal

/// `storyreel show` as a user runs it, in a pipe and in a real pseudo-terminal: the bytes it writes are decoded
/// with the project's half-block and sixel decoders and compared with the source image.
@Suite struct ShowCommandTests {
    /// Channel values a sixel register (a percentage) holds exactly.
    static let levels: [UInt8] = [0, 255, 153, 51, 204, 26, 179, 102, 230, 128, 77]

    /// Block (bx, by) of the 16 × 8 grid of 10 × 10-pixel blocks in the 160 × 80 source.
    static func block(_ bx: Int, _ by: Int) -> RGB8 { RGB8(levels[bx % 11], levels[by % 11], levels[(bx + 2 * by) % 11]) }

    static let source: Frame = {
        var pixels = [UInt8]()
        for y in 0..<80 {
            for x in 0..<160 {
                let c = block(x / 10, y / 10)
                pixels += [c.r, c.g, c.b, 255]
            }
        }
        return Frame(width: 160, height: 80, pixels: pixels)
    }()

    /// With `--cols 16`, the 2:1 image is 16 × 4 cells: cell (c, r) shows block (c, 2r) over block (c, 2r + 1),
    /// and a sixel at the default 10 × 20-pixel cell is 160 × 80, the source's own size.
    static let columns = 16, rows = 4

    func writeSource(in folder: TestFolder) throws -> String {
        let path = folder.path + "/board.png"
        try Data(try PNGEncoder.encode(Self.source)).write(to: URL(fileURLWithPath: path))
        return path
    }

    var baseEnvironment: [String: String] {
        ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": "/nonexistent", "TERM": "xterm-256color"]
    }

    /// Runs `storyreel ARGS` with stdout a pipe.
    func showRedirected(_ args: [String], env: [String: String] = [:]) throws -> (out: [UInt8], err: String, status: Int32) {
        let r = try runProgramBytes(CLITests.binary, ["show"] + args, environment: baseEnvironment.merging(env) { $1 }, timeout: 60)
        return (Array(r.out), String(decoding: r.err, as: UTF8.self), r.status)
    }

    /// Runs `storyreel show ARGS` on a pseudo-terminal (so it probes and picks as in a real one) that answers
    /// every DA1 query it sees with `reply` (empty: a terminal that never answers); all it wrote.
    func showInTerminal(_ args: [String], answering reply: String = "", env: [String: String] = [:]) throws -> (out: [UInt8], status: Int32) {
        let script = """
            import os, pty, sys
            reply = bytes.fromhex(sys.argv[1])
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(sys.argv[2], sys.argv[2:])
            out, answered = b'', 0
            while True:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
                while reply and answered < out.count(b'\\x1b[c'):
                    os.write(fd, reply)
                    answered += 1
            _, status = os.waitpid(pid, 0)
            sys.stdout.buffer.write(out)
            sys.exit(os.waitstatus_to_exitcode(status))
            """
        let hex = Array(reply.utf8).map { String(format: "%02x", $0) }.joined()
        let r = try runProgramBytes("/usr/bin/env", ["python3", "-c", script, hex, CLITests.binary, "show"] + args,
                                    environment: baseEnvironment.merging(env) { $1 }, timeout: 60)
        return (Array(r.out), r.status)
    }

    /// Half-block output written inline (one line per row), decoded row by row.
    func decodeHalfBlocks(_ bytes: [UInt8]) -> CellImage? {
        var top: [RGB8] = [], bottom: [RGB8] = []
        let lines = bytes.split(separator: 0x0A).map { $0.filter { $0 != 0x0D } }.filter { $0.contains(0xE2) }
        guard lines.count == Self.rows else { return nil }
        for line in lines {
            let row = HalfBlockDecoder(columns: Self.columns, rows: 1).decode(Array(line))
            top += row.top
            bottom += row.bottom
        }
        return CellImage(columns: Self.columns, rows: Self.rows, top: top, bottom: bottom)
    }

    /// What the cells must show, through `map` (identity for 24-bit, the nearest palette entry for 256 colours).
    func expectedCells(_ map: (RGB8) -> RGB8 = { $0 }) -> CellImage {
        var top: [RGB8] = [], bottom: [RGB8] = []
        for r in 0..<Self.rows {
            for c in 0..<Self.columns {
                top.append(map(Self.block(c, 2 * r)))
                bottom.append(map(Self.block(c, 2 * r + 1)))
            }
        }
        return CellImage(columns: Self.columns, rows: Self.rows, top: top, bottom: bottom)
    }

    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func halfBlocksInAPipeAre24BitAndExact() throws {
        let folder = TestFolder()
        let png = try writeSource(in: folder)
        let r = try showRedirected([png, "--mode", "halfblock", "--cols", "16", "--rows", "20"])
        #expect(r.status == 0, "\(r.err)")
        #expect(decodeHalfBlocks(r.out) == expectedCells())
        #expect(text(r.out).contains("38;2;") && !text(r.out).contains("38;5;"))
        // Nothing is asked of a terminal that is not there.
        #expect(!text(r.out).contains("\u{1B}[c") && !text(r.out).contains("\u{1B}[16t"))
    }

    @Test func halfBlocksInATerminalWithoutTruecolourUse256Colours() throws {
        let folder = TestFolder()
        let png = try writeSource(in: folder)
        let r = try showInTerminal([png, "--mode", "halfblock", "--cols", "16", "--rows", "20"])
        #expect(r.status == 0)
        #expect(text(r.out).contains("38;5;") && !text(r.out).contains("38;2;"), "\(text(r.out).debugDescription.prefix(200))")
        #expect(decodeHalfBlocks(r.out) == expectedCells { ColourMode.paletteColour(ColourMode.paletteIndex($0)) })
    }

    @Test func halfBlocksInATruecolourTerminalAreExact() throws {
        let folder = TestFolder()
        let png = try writeSource(in: folder)
        for value in ["truecolor", "24bit"] {
            let r = try showInTerminal([png, "--mode", "halfblock", "--cols", "16", "--rows", "20"], env: ["COLORTERM": value])
            #expect(r.status == 0)
            #expect(text(r.out).contains("38;2;") && !text(r.out).contains("38;5;"))
            #expect(decodeHalfBlocks(r.out) == expectedCells())
        }
    }

    @Test func terminfoWithRGBMeans24Bit() throws {
        let folder = TestFolder()
        let png = try writeSource(in: folder)
        try "sr-show-direct|test terminal with direct colour,\n\tuse=xterm-256color, RGB,\n".write(toFile: folder.path + "/src", atomically: true, encoding: .utf8)
        let tic = try runProgram("/usr/bin/env", ["tic", "-x", "-o", folder.path + "/terminfo", folder.path + "/src"])
        guard tic.status == 0 else {
            print("skipped terminfoWithRGBMeans24Bit: tic could not compile a test entry (\(tic.err))")
            return
        }
        let r = try showInTerminal([png, "--mode", "halfblock", "--cols", "16", "--rows", "20"],
                                   env: ["TERM": "sr-show-direct", "TERMINFO": folder.path + "/terminfo"])
        #expect(r.status == 0)
        #expect(text(r.out).contains("38;2;") && !text(r.out).contains("38;5;"))
        #expect(decodeHalfBlocks(r.out) == expectedCells())
    }

    @Test func sixelModeDecodesToTheSource() throws {
        let folder = TestFolder()
        let png = try writeSource(in: folder)
        let piped = try showRedirected([png, "--mode", "sixel", "--cols", "16", "--rows", "20"])
        let terminal = try showInTerminal([png, "--mode", "sixel", "--cols", "16", "--rows", "20"])
        #expect(piped.status == 0 && terminal.status == 0, "\(piped.err)")
        for out in [piped.out, terminal.out] {
            // The sixel starts at its DCS (ESC P); in a terminal, the capability queries come first.
            let start = try #require(out.indices.first { $0 + 1 < out.count && out[$0] == 0x1B && out[$0 + 1] == 0x50 })
            let decoded = try SixelDecoder.decode(Array(out[start...]))
            #expect(decoded.width == 160 && decoded.height == 80)
            #expect(decoded.pixels == Self.source.pixels)
        }
    }

    @Test func environmentOverridesTheDetectedMode() throws {
        let folder = TestFolder()
        let png = try writeSource(in: folder)
        let args = [png, "--cols", "16", "--rows", "20"]
        func isSixel(_ out: [UInt8]) -> Bool { text(out).contains("\u{1B}P") && (try? SixelDecoder.decode(out)) != nil }
        // Redirected output is half-blocks by default; STORYREEL_GRAPHICS picks either.
        #expect(decodeHalfBlocks(try showRedirected(args).out) == expectedCells())
        #expect(isSixel(try showRedirected(args, env: ["STORYREEL_GRAPHICS": "sixel"]).out))
        #expect(decodeHalfBlocks(try showRedirected(args, env: ["STORYREEL_GRAPHICS": "halfblock"]).out) == expectedCells())
        #expect(decodeHalfBlocks(try showRedirected(args, env: ["STORYREEL_GRAPHICS": "ascii"]).out) == expectedCells())
        // A terminal that does not answer gets half-blocks, unless the variable says sixel.
        let quiet = try showInTerminal(args)
        #expect(decodeHalfBlocks(quiet.out) != nil && !isSixel(quiet.out))
        #expect(isSixel(try showInTerminal(args, env: ["STORYREEL_GRAPHICS": "sixel"]).out))
        // --mode beats the variable.
        #expect(decodeHalfBlocks(try showRedirected(args + ["--mode", "halfblock"], env: ["STORYREEL_GRAPHICS": "sixel"]).out) == expectedCells())
        #expect(isSixel(try showRedirected(args + ["--mode", "sixel"], env: ["STORYREEL_GRAPHICS": "halfblock"]).out))
    }
}
