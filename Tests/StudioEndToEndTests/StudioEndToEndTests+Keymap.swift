import Foundation
import Testing
import TestSupport

/// A keymap file a user writes: what it binds works, what it leaves out keeps its default, and what it gets wrong
/// is on the status bar (file and line) and on the terminal once the studio ends.
extension StudioEndToEndTests {
    @Test func aKeymapFileRebindsKeysAndItsMistakesAreShown() throws {
        let folder = try project()
        let session = "keymap"
        defer { _ = try? tmux("kill-server") }
        try FileManager.default.createDirectory(atPath: folder.path + "/Keymaps", withIntermediateDirectories: true)
        try """
            # n and p walk the board; j does nothing any more; x is undo, so it deletes nothing.
            [browse]
            n = "next_shot"
            p = "previous_shot"
            j = "no_op"
            x = "undo"
            f = "fly"
            """.write(toFile: folder.path + "/Keymaps/mine.toml", atomically: true, encoding: .utf8)
        let command = "\(storyreelBinary) studio \(folder.path) --keymap mine; echo STUDIO-EXIT-$?; sleep 60"
        let spawn = "import subprocess, sys; subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True)"
        _ = try runProgram("/usr/bin/env", ["python3", "-c", spawn, "tmux", "-L", socket, "new-session", "-d", "-x", "120", "-y", "36", "-s", session, command])
        let shown = try wait(session) { $0.contains("unknown command 'fly'") }
        #expect(shown.contains("warning: ") && shown.contains("mine.toml:7:5: unknown command 'fly' for 'f' in [browse]"), "\(shown)")
        let before = try savedPrompts(folder.path)
        // The warning holds the status bar until a key is handled; the board need not be rendered for keys.
        #expect(shown.contains("Seed      501"))
        func key(_ k: String) throws { _ = try tmux(["send-keys", "-t", session, k]) }
        // j is unbound: the first shot stays selected. n moves to the second, p back, n again.
        try key("j")
        try key("n")
        try key("p")
        try key("n")
        let second = try wait(session) { $0.contains("Seed      502") }
        #expect(second.contains("Seed      502"), "\(second)")
        // x undoes nothing (there is nothing to undo) and deletes nothing; ? lists the new keys.
        try key("x")
        try key("?")
        let help = try wait(session) { $0.contains("Keys — Esc or ? closes this help") }
        #expect(help.contains("↓ / n") && help.contains("k / ↑ / p") && !help.contains("j / ↓"), "\(help)")
        try key("Escape")
        try key("q")
        let after = try wait(session) { $0.contains("STUDIO-EXIT-") }
        // The warning printed before the studio started is there again once its screen is gone.
        #expect(after.contains("STUDIO-EXIT-0") && after.replacingOccurrences(of: "\n", with: "").contains("unknown command 'fly'"), "\(after)")
        #expect(try savedPrompts(folder.path) == before)
    }
}
