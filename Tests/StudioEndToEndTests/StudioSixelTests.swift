import Foundation
import Imaging
import Project
import Studio
import Terminal
import Testing
import TestSupport

/// The real studio on a pseudo-terminal that Python plays: it answers the start-up probe as a sixel terminal (or
/// not), records everything the studio writes, then types `q`. One at a time: the debug build's sixel encoder
/// takes a while on two busy cores.
@Suite(.serialized) struct StudioSixelTests {
    static let columns = 120, rows = 36

    /// Python as the terminal: a 120×36 window, the probe's DA1 query (ESC [ c) answered with `reply`, output read
    /// until the studio says "all rendered" (or 15 s passed); then the steps, one by one (`wait:SECONDS`, `key:HEX`,
    /// `resize:ROWSxCOLUMNS`), each noting how much output had come when it began; then the rest until it exits.
    static let terminal = """
        import fcntl, os, pty, select, struct, sys, termios, time
        reply, out_path, steps, argv = bytes.fromhex(sys.argv[1]), sys.argv[2], sys.argv[3].split(','), sys.argv[4:]
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 36, 120, 0, 0))
            os.execv(argv[0], argv)
        out, answered, ready, marks = b'', False, None, []
        started = time.time()
        deadline, step_until = started + 60, None
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
            if ready is None and time.time() - started < 15:
                continue
            if step_until is not None and time.time() < step_until:
                continue
            step_until = None
            if not steps:
                continue
            kind, _, value = steps.pop(0).partition(':')
            marks.append(len(out))
            if kind == 'wait':
                step_until = time.time() + float(value)
            elif kind == 'key':
                os.write(fd, bytes.fromhex(value))
            elif kind == 'resize':
                rows, cols = value.split('x')
                # Set on the terminal side, the kernel sends SIGWINCH to the studio.
                fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', int(rows), int(cols), 0, 0))
        if steps:
            os.kill(pid, 9)
        _, status = os.waitpid(pid, 0)
        open(out_path, 'wb').write(out)
        print('answered' if answered else 'unanswered', 'ready' if ready else 'not-ready')
        print('marks=' + ','.join(map(str, marks)))
        sys.exit(os.waitstatus_to_exitcode(status))
        """

    /// Runs the studio on horse-beach under the Python terminal; what it wrote, the script's notes and the exit status.
    /// `marks` are the output offsets at which each step began.
    func runStudio(reply: String, environment extra: [String: String] = [:], steps: [String] = ["wait:1", "key:71"]) throws
        -> (out: [UInt8], notes: String, status: Int32, folder: TestFolder, marks: [Int]) {
        let folder = TestFolder()
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Examples/horse-beach/storyboard.toml", toPath: folder.path + "/storyboard.toml")
        let hex = Array(reply.utf8).map { String(format: "%02x", $0) }.joined()
        // No TMUX and no STORYREEL_GRAPHICS from the test's own environment: the probe's answer decides.
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": folder.path,
                           "TERM": "xterm-256color", "LANG": "C.UTF-8"].merging(extra) { $1 }
        let log = folder.path + "/terminal.out"
        let r = try runProgram("/usr/bin/env", ["python3", "-c", Self.terminal, hex, log, steps.joined(separator: ","), storyreelBinary, "studio", folder.path],
                               environment: environment, timeout: 90)
        let out = (try? Data(contentsOf: URL(fileURLWithPath: log))).map { Array($0) } ?? []
        let marks = r.out.split(separator: "\n").first { $0.hasPrefix("marks=") }.map { $0.dropFirst(6).split(separator: ",").compactMap { Int($0) } } ?? []
        return (out, r.out + r.err, r.status, folder, marks)
    }

    /// Every sixel DCS in `bytes` (ESC P … q … ESC \), with the cursor position (row, column) the move before it named.
    func sixels(in bytes: [UInt8]) -> [(row: Int, column: Int, data: [UInt8])] {
        var found: [(Int, Int, [UInt8])] = []
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == 0x1B, bytes[i + 1] == 0x50 else {
                i += 1
                continue
            }
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

    /// The picture slots the studio lays out for horse-beach in a `columns × rows` terminal after `actions`.
    func slots(_ folder: String, columns: Int = Self.columns, rows: Int = Self.rows, after actions: [StudioAction] = []) throws -> [ImageSlot] {
        var state = StudioState(project: try ProjectFile.load(folder: folder).project)
        for action in actions { _ = state.reduce(action) }
        return StudioView.render(state, columns: columns, rows: rows).1
    }

    /// The preview slot in a 120×36 terminal.
    func previewSlot(_ folder: String) throws -> ImageSlot { try #require(try slots(folder).first) }

    /// Whether a decoded sixel fills `slot` at 10×20-pixel cells: inside it, and as wide or (to a band) as tall.
    func fits(_ image: Frame, _ slot: ImageSlot) -> Bool {
        image.width <= slot.columns * 10 && image.height <= slot.rows * 20 && image.height % 6 == 0
            && (image.width == slot.columns * 10 || image.height > slot.rows * 20 - 6)
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
        #expect(fits(image, slot), "\(image.width)×\(image.height) in \(slot)")
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

    @Test func sixelsAreSentOnceAndAgainAfterAResizeAndForTheVariantsGridAndAB() throws {
        // Settle, idle, resize, variants (v), back (Esc), A/B (b on the first shot, j to the second), quit.
        let r = try runStudio(reply: "\u{1B}[6;20;10t\u{1B}[?62;4;22c",
                              steps: ["wait:2", "wait:1.5", "resize:30x100", "wait:4", "key:76", "wait:8", "key:1b", "wait:1",
                                      "key:62", "key:6a", "wait:4", "key:71"])
        #expect(r.status == 0, "\(r.notes)")
        try #require(r.marks.count == 12, "\(r.notes)")
        let m = r.marks
        // Idle, with every keyframe shown (two seconds after "all rendered"): nothing is re-sent.
        #expect(sixels(in: Array(r.out[m[1]..<m[2]])).isEmpty, "sixels re-sent while idle")
        // A resize clears the screen, which wipes sixels: the preview comes again, in the new layout's slot.
        let resized = sixels(in: Array(r.out[m[2]..<m[4]]))
        let small = try #require(try slots(r.folder.path, columns: 100, rows: 30).first)
        let again = try #require(resized.last, "no sixel after the resize: marks \(m), all at \(sixels(in: r.out).count) \(r.out.count) \(r.notes)")
        #expect(again.row == small.row + 1 && again.column == small.column + 1, "at \(again.row);\(again.column), slot \(small)")
        let image = try SixelDecoder.decode(again.data)
        #expect(fits(image, small), "\(image.width)×\(image.height) in \(small)")
        // The variants grid: every one of its four slots gets a sixel that fits it.
        let grid = sixels(in: Array(r.out[m[4]..<m[6]]))
        let cells = try slots(r.folder.path, columns: 100, rows: 30, after: [.openVariants(count: 4, seeds: Array(1...8))])
        #expect(cells.count == 4)
        for slot in cells {
            let sent = grid.last { $0.row == slot.row + 1 && $0.column == slot.column + 1 }
            #expect(sent != nil, "no sixel in variant slot \(slot); sent at \(grid.map { "\($0.row);\($0.column)" })")
            if let sent {
                let picture = try SixelDecoder.decode(sent.data)
                #expect(fits(picture, slot), "\(picture.width)×\(picture.height) in \(slot)")
            }
        }
        // A/B: both keyframes side by side, each a sixel in its own slot.
        let pair = sixels(in: Array(r.out[m[9]..<m[11]]))
        let sides = try slots(r.folder.path, columns: 100, rows: 30, after: [.compare, .moveSelection(1)])
        #expect(sides.count == 2)
        for slot in sides {
            let sent = pair.last { $0.row == slot.row + 1 && $0.column == slot.column + 1 }
            #expect(sent != nil, "no sixel in A/B slot \(slot); sent at \(pair.map { "\($0.row);\($0.column)" })")
            if let sent {
                let picture = try SixelDecoder.decode(sent.data)
                #expect(fits(picture, slot), "\(picture.width)×\(picture.height) in \(slot)")
            }
        }
    }
}
