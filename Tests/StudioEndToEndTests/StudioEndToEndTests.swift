import Foundation
import Testing
import TestSupport

/// The real studio in a real terminal: tmux runs it, send-keys types, capture-pane reads the screen.
@Suite(.serialized) struct StudioEndToEndTests {
    let socket = "storyreel-test-\(getpid())"

    func tmux(_ args: String...) throws -> String {
        try runProgram("/usr/bin/env", ["tmux", "-L", socket] + args).out
    }

    func screen(_ session: String) throws -> String { try tmux("capture-pane", "-p", "-t", session) }

    /// Polls the screen until `predicate` holds or `seconds` pass.
    func wait(_ session: String, seconds: Double = 15, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen(session)
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return last
    }

    /// Runs the studio in a new tmux session; `wrapper` goes before the command (e.g. "setsid").
    func start(_ folder: String, session: String, width: Int = 120, height: Int = 36, wrapper: String = "") throws {
        let command = "\(wrapper) \(storyreelBinary) studio \(folder); echo STUDIO-EXIT-$?; sleep 60"
        // The tmux server lives on and keeps every descriptor it inherits, including other tests' pipes, whose
        // readers would then never see EOF: start it through Python with close_fds.
        let spawn = "import subprocess, sys; subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True)"
        _ = try runProgram("/usr/bin/env", ["python3", "-c", spawn, "tmux", "-L", socket, "new-session", "-d", "-x", String(width), "-y", String(height), "-s", session, command])
    }

    func project() throws -> TestFolder {
        let folder = TestFolder()
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Examples/horse-beach/storyboard.toml", toPath: folder.path + "/storyboard.toml")
        return folder
    }

    @Test func editSavesAndQuitRestoresTheTerminal() throws {
        let folder = try project()
        defer { _ = try? tmux("kill-server") }
        try start(folder.path, session: "edit")
        let ready = try wait("edit") { $0.contains("all rendered") }
        #expect(ready.contains("Open Shore") && ready.contains("gallop") && ready.contains("Prompt"), "\(ready)")
        // Second shot, edit its prompt: append words, commit.
        _ = try tmux("send-keys", "-t", "edit", "j")
        _ = try tmux("send-keys", "-t", "edit", "Enter")
        _ = try tmux("send-keys", "-t", "edit", "-l", " at dusk")
        _ = try tmux("send-keys", "-t", "edit", "Enter")
        let saved = try waitFor(seconds: 10) {
            (try? String(contentsOfFile: folder.path + "/storyboard.toml", encoding: .utf8))?.contains("horse on the beach at dawn at dusk") == true
        }
        #expect(saved, "the edit was not autosaved")
        // Help lists bindings from the keymap.
        _ = try tmux("send-keys", "-t", "edit", "?")
        // Wait for the whole overlay, not just its title: it may be mid-draw.
        let help = try wait("edit") { $0.contains("Keys") && $0.contains("closes this help") }
        #expect(help.contains("variants grid") && help.contains("Ctrl-R"))
        _ = try tmux("send-keys", "-t", "edit", "Escape")
        _ = try tmux("send-keys", "-t", "edit", "q")
        let after = try wait("edit") { $0.contains("STUDIO-EXIT-") }
        #expect(after.contains("STUDIO-EXIT-0") && after.contains("Saved"), "\(after)")
        // Back on the normal screen: the studio's frame is gone.
        #expect(!after.contains("cache hits"))
    }

    @Test func smallTerminalSaysSoAndInterruptSavesAndRestores() throws {
        let folder = try project()
        defer { _ = try? tmux("kill-server") }
        try start(folder.path, session: "small", width: 50, height: 12)
        let small = try wait("small") { $0.contains("too small") }
        #expect(small.contains("Terminal too small: 50×12"))
        _ = try tmux("send-keys", "-t", "small", "C-c")
        let after = try wait("small") { $0.contains("STUDIO-EXIT-") }
        #expect(after.contains("STUDIO-EXIT-0"), "\(after)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/.storyreel/lock") ||
                (try? String(contentsOfFile: folder.path + "/.storyreel/lock", encoding: .utf8))?.isEmpty == true)
    }

    func waitFor(seconds: Double, _ condition: () -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return condition()
    }
}
