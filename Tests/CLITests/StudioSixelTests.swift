import Foundation
import Imaging
import Project
import Studio
import Terminal
import Testing
import TestSupport

/// The real studio on a pseudo-terminal that Python plays: it answers the start-up probe as a sixel terminal (or
/// not), records everything the studio writes, then types `q`.
@Suite struct StudioSixelTests {
    static let columns = 120, rows = 36

    /// Python as the terminal: a 120×36 window, the probe's DA1 query (ESC [ c) answered with `reply`, output read
    /// until the studio says "all rendered" (or 15 s passed) and a second more, then `q` and the rest until it exits.
    static let terminal = """
        import fcntl, os, pty, select, struct, sys, termios, time
        reply, out_path, argv = bytes.fromhex(sys.argv[1]), sys.argv[2], sys.argv[3:]
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 36, 120, 0, 0))
            os.execv(argv[0], argv)
        out, answered, ready, quit_sent = b'', False, None, False
        started = time.time()
        deadline = started + 40
        while time.time() < deadline:
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
            if not answered and b'\\x1b[c' in out:
                os.write(fd, reply)
                answered = True
            if ready is None and b'all rendered' in out:
                ready = time.time()
            # ncurses may send only the cells that changed, so the words are not always there in one piece.
            waited = ready if ready is not None else started + 15
            if not quit_sent and time.time() - waited > 1.0:
                os.write(fd, b'q')
                quit_sent = True
        if not quit_sent:
            os.kill(pid, 9)
        _, status = os.waitpid(pid, 0)
        open(out_path, 'wb').write(out)
        print('answered' if answered else 'unanswered', 'ready' if ready else 'not-ready')
        sys.exit(os.waitstatus_to_exitcode(status))
        """

    /// Runs the studio on horse-beach under the Python terminal; what it wrote, the script's notes and the exit status.
    func runStudio(reply: String, environment extra: [String: String] = [:]) throws -> (out: [UInt8], notes: String, status: Int32, folder: TestFolder) {
        let folder = TestFolder()
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Examples/horse-beach/storyboard.toml", toPath: folder.path + "/storyboard.toml")
        let hex = Array(reply.utf8).map { String(format: "%02x", $0) }.joined()
        // No TMUX and no STORYREEL_GRAPHICS from the test's own environment: the probe's answer decides.
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": folder.path,
                           "TERM": "xterm-256color", "LANG": "C.UTF-8"].merging(extra) { $1 }
        let log = folder.path + "/terminal.out"
        let r = try runProgram("/usr/bin/env", ["python3", "-c", Self.terminal, hex, log, CLITests.binary, "studio", folder.path],
                               environment: environment, timeout: 90)
        let out = (try? Data(contentsOf: URL(fileURLWithPath: log))).map { Array($0) } ?? []
        return (out, r.out + r.err, r.status, folder)
    }

    /// Every sixel DCS in `bytes` (ESC P … q … ESC \), with the cursor position (row, column) the move before it named.
    func sixels(in bytes: [UInt8]) -> [(row: Int, column: Int, data: [UInt8])] {
        var found: [(Int, Int, [UInt8])] = []
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == 0x1B, bytes[i + 1] == 0x50 else { i += 1; continue }
            guard let end = (i..<(bytes.count - 1)).first(where: { bytes[$0] == 0x1B && bytes[$0 + 1] == 0x5C }) else { break }
            let data = Array(bytes[i..<(end + 2)])
            // The move is ESC [ row ; column H just before the DCS.
            let before = String(decoding: bytes[max(0, i - 16)..<i], as: UTF8.self)
            var position = (0, 0)
            if let csi = before.range(of: "\u{1B}[", options: .backwards), before.hasSuffix("H") {
                let numbers = before[csi.upperBound...].dropLast().split(separator: ";").compactMap { Int($0) }
                if numbers.count == 2 { position = (numbers[0], numbers[1]) }
            }
            if data.contains(0x71) { found.append((position.0, position.1, data)) }
            i = end + 2
        }
        return found
    }

    /// The preview slot the studio lays out for horse-beach in a 120×36 terminal.
    func previewSlot(_ folder: String) throws -> ImageSlot {
        let project = try ProjectFile.load(folder: folder).project
        let (_, slots) = StudioView.render(StudioState(project: project), columns: Self.columns, rows: Self.rows)
        return try #require(slots.first)
    }

    @Test func sixelTerminalGetsSixelPreviewsThatFitTheSlot() throws {
        let r = try runStudio(reply: "\u{1B}[6;20;10t\u{1B}[?62;4;22c")
        #expect(r.status == 0, "\(r.notes)")
        #expect(r.notes.contains("answered"), "\(r.notes)")
        let text = String(decoding: r.out, as: UTF8.self)
        // The probe was sent before ncurses took over, and then the pictures went out as sixels, not half-blocks.
        #expect(text.contains("\u{1B}[16t") && text.contains("\u{1B}[c"))
        let found = sixels(in: r.out)
        #expect(!found.isEmpty, "no sixel in \(text.debugDescription.prefix(400))")
        #expect(!text.contains("▀"), "half-blocks drawn on a sixel terminal")
        let slot = try previewSlot(r.folder.path)
        guard let last = found.last else { return }
        // The last one is the finished keyframe, at the preview slot's top-left cell, inside its cells at 10×20 px.
        #expect(last.row == slot.row + 1 && last.column == slot.column + 1, "sixel at \(last.row);\(last.column), slot \(slot)")
        let image = try SixelDecoder.decode(last.data)
        #expect(image.width <= slot.columns * 10 && image.height <= slot.rows * 20, "\(image.width)×\(image.height) in \(slot)")
        #expect(image.height % 6 == 0 && image.height > slot.rows * 20 - 6 || image.width == slot.columns * 10,
                "\(image.width)×\(image.height) does not fill \(slot)")
        // Something was drawn: not a blank rectangle.
        #expect(Set(stride(from: 0, to: image.pixels.count, by: 4).map { image.pixels[$0] }).count > 4)
        // Every picture is sent once per frame: the keyframe already shown is not re-sent while idle.
        #expect(found.count < 40, "\(found.count) sixels")
    }

    @Test func terminalWithoutSixelGetsHalfBlocks() throws {
        let r = try runStudio(reply: "\u{1B}[6;20;10t\u{1B}[?62;22c")
        #expect(r.status == 0, "\(r.notes)")
        #expect(r.notes.contains("answered"), "\(r.notes)")
        let text = String(decoding: r.out, as: UTF8.self)
        #expect(sixels(in: r.out).isEmpty && !text.contains("\u{1B}P"))
        #expect(text.contains("▀"), "no half-blocks")
    }

    @Test func graphicsVariableOverridesTheProbe() throws {
        // halfblock asks the terminal nothing, even one that has sixel.
        let r = try runStudio(reply: "\u{1B}[?62;4;22c", environment: ["STORYREEL_GRAPHICS": "halfblock"])
        #expect(r.status == 0, "\(r.notes)")
        let text = String(decoding: r.out, as: UTF8.self)
        #expect(!text.contains("\u{1B}[c") && !text.contains("\u{1B}P") && text.contains("▀"))
        // Inside tmux without passthrough the studio does not probe either, and draws half-blocks.
        let tmux = try runStudio(reply: "\u{1B}[?62;4;22c", environment: ["TMUX": "/tmp/none,1,0"])
        #expect(tmux.status == 0, "\(tmux.notes)")
        #expect(sixels(in: tmux.out).isEmpty && String(decoding: tmux.out, as: UTF8.self).contains("▀"))
        // With passthrough it probes and uses sixel.
        let through = try runStudio(reply: "\u{1B}[?62;4;22c", environment: ["TMUX": "/tmp/none,1,0", "STORYREEL_TMUX_PASSTHROUGH": "1"])
        #expect(through.status == 0, "\(through.notes)")
        #expect(!sixels(in: through.out).isEmpty)
    }
}
