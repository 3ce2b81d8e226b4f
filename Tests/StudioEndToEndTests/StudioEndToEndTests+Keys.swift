import Foundation
import Testing
import TestSupport

/// Keys as terminals really send them, through tmux: Home/End in every form, an unknown sequence, a bracketed paste,
/// text full of command letters. None of it may turn into commands (`a` adds a shot, `x` deletes one).
extension StudioEndToEndTests {
    @Test(arguments: ["xterm-256color", "tmux-256color"])
    func homeEndAndPastedTextStayInTheField(term: String) throws {
        let folder = try project()
        let session = "keys-\(term.prefix(4))"
        defer { _ = try? tmux("kill-server") }
        try start(folder.path, session: session, wrapper: "env TERM=\(term)")
        let ready = try wait(session, seconds: 30) { $0.contains("all rendered") }
        guard ready.contains("all rendered") else {
            Issue.record("studio not ready:\n\(ready)")
            return
        }
        let before = try savedPrompts(folder.path)
        let original = try #require(before["rider"])
        func keys(_ k: String...) throws { _ = try tmux(["send-keys", "-t", session] + k) }
        func bytes(_ hex: String) throws { _ = try tmux(["send-keys", "-t", session, "-H"] + hex.split(separator: " ").map(String.init)) }
        try keys("j")
        try keys("Enter")
        // tmux's own Home and End (ESC [1~ and ESC [4~ whatever TERM says), then raw bytes of the other forms.
        try keys("Home")
        try keys("-l", "A ")
        try keys("End")
        try keys("-l", " ax")
        try bytes("1b 5b 31 7e")
        try keys("-l", "q ")  // VT220 / linux console Home
        try bytes("1b 5b 38 7e")
        try keys("-l", " x")  // rxvt End
        try bytes("1b 4f 48")
        try keys("-l", "d ")  // xterm application-mode Home
        try bytes("1b 5b 46")
        try keys("-l", " j")  // xterm End
        try bytes("1b 5b 39 39 7e")
        try keys("-l", "k")  // unknown: consumed, ignored
        try bytes("1b 5b 31 3b 35 46")
        try keys("-l", " v")  // Ctrl-End
        // A bracketed paste with command letters goes in as text.
        _ = try tmux(["set-buffer", "-b", "storyreel", " qx paste"])
        _ = try tmux(["paste-buffer", "-p", "-b", "storyreel", "-t", session])
        let expected = "d q A \(original) ax x jk v qx paste"
        let typed = try wait(session) { $0.contains("qx paste") }
        #expect(typed.contains("qx paste"), "\(typed)")
        try keys("Enter")
        let saved = try waitFor(seconds: 15) { (try? savedPrompts(folder.path))?["rider"] == expected }
        let after = try savedPrompts(folder.path)
        #expect(saved, "rider is \(after["rider"] ?? "missing"), expected \(expected)")
        // No shot added, deleted or otherwise touched.
        #expect(Set(after.keys) == Set(before.keys))
        #expect(after.filter { $0.key != "rider" } == before.filter { $0.key != "rider" })
        try keys("q")
        let exited = try wait(session) { $0.contains("STUDIO-EXIT-") }
        #expect(exited.contains("STUDIO-EXIT-0"), "\(exited)")
    }

    @Test func ctrlZSuspendsToTheShellAndFgRepaints() throws {
        let folder = try project()
        let session = "suspend"
        defer { _ = try? tmux("kill-server") }
        // An interactive shell with job control runs the studio, as a user's would.
        let spawn = "import subprocess, sys; subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True)"
        _ = try runProgram("/usr/bin/env", ["python3", "-c", spawn, "tmux", "-L", socket, "new-session", "-d", "-x", "120", "-y", "36", "-s", session,
                                            "env PS1='SHELL-READY$ ' TERM=xterm-256color bash --norc --noprofile -i"])
        _ = try wait(session) { $0.contains("SHELL-READY$") }
        _ = try tmux(["send-keys", "-t", session, "-l", "\(storyreelBinary) studio \(folder.path)"])
        _ = try tmux(["send-keys", "-t", session, "Enter"])
        let ready = try wait(session, seconds: 30) { $0.contains("all rendered") }
        guard ready.contains("all rendered") else {
            Issue.record("studio not ready:\n\(ready)")
            return
        }
        let pid = try studioPID(folder.path)
        _ = try tmux(["send-keys", "-t", session, "C-z"])
        // The shell's screen again, with its prompt, and the studio stopped (state T), not gone.
        let suspended = try wait(session) { $0.contains("Stopped") && lastLine($0).hasPrefix("SHELL-READY$") }
        #expect(suspended.contains("Stopped") && suspended.contains("SHELL-READY$"), "\(suspended)")
        #expect(!suspended.contains("cache hits"), "the studio's screen should be gone while suspended:\n\(suspended)")
        #expect(try waitFor(seconds: 5) { processState(pid) == "T" }, "state \(processState(pid) ?? "gone")")
        _ = try tmux(["send-keys", "-t", session, "-l", "fg"])
        _ = try tmux(["send-keys", "-t", session, "Enter"])
        // Back in full: the whole studio screen is drawn again (the shell's lines are gone).
        let back = try wait(session) { $0.contains("cache hits") && $0.contains("Open Shore") && !$0.contains("Stopped") }
        #expect(back.contains("cache hits") && back.contains("Open Shore") && !back.contains("SHELL-READY"), "\(back)")
        // Keys work again: q quits, and the shell says the studio exited cleanly.
        _ = try tmux(["send-keys", "-t", session, "q"])
        _ = try wait(session) { lastLine($0).hasPrefix("SHELL-READY$") && !$0.contains("cache hits") }
        _ = try tmux(["send-keys", "-t", session, "-l", "echo STUDIO-EXIT-$?"])
        _ = try tmux(["send-keys", "-t", session, "Enter"])
        let exited = try wait(session) { $0.contains("STUDIO-EXIT-0") }
        #expect(exited.contains("STUDIO-EXIT-0"), "\(exited)")
        #expect(exits(pid, within: 5))
    }

    /// The last line of a screen that holds anything.
    func lastLine(_ screen: String) -> String {
        screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? ""
    }

    /// The state letter of `pid` (R, S, T…), nil when it is gone.
    func processState(_ pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first.map(String.init)
    }
}
