import Foundation
import Testing
import TestSupport

/// SIGTERM and a lost terminal end the studio in any mode: committed edits saved, terminal restored, lock free.
extension StudioEndToEndTests {
    @Test func terminateWhileEditingSavesQuitsAndLeavesTheScreen() throws {
        let folder = try project()
        defer { _ = try? tmux("kill-server") }
        let pid = try startWithAnEditInProgress(folder.path, session: "term")
        kill(pid, SIGTERM)
        #expect(exits(pid, within: 5), "the studio ignored SIGTERM while editing")
        let after = try wait("term") { $0.contains("STUDIO-EXIT-") }
        #expect(after.contains("STUDIO-EXIT-0") && after.contains("Saved"), "\(after)")
        // Out of the alternate screen, and the shell's screen is readable again (no studio frame left).
        #expect(try tmux("display", "-p", "-t", "term", "#{alternate_on}").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        #expect(!after.contains("cache hits"), "\(after)")
        let prompts = try savedPrompts(folder.path)
        #expect(prompts["rider"] == "full shot of a woman standing next to a brown horse on the beach at dawn at dusk")
        #expect(prompts.count == 8)
        // The unfinished text is not in the project but kept for the next studio, which the goodbye line says.
        #expect(after.contains("unfinished edit of rider prompt is kept"), "\(after)")
        let kept = try String(contentsOfFile: folder.path + "/.storyreel/recovery.json", encoding: .utf8)
        #expect(kept.contains("at dusk unfinished") && kept.contains("\"shot\":\"rider\""), "\(kept)")
    }

    @Test func hangupWhileEditingSavesAndExits() throws {
        let folder = try project()
        defer { _ = try? tmux("kill-server") }
        let pid = try startWithAnEditInProgress(folder.path, session: "hup")
        // Killing the session closes the pane's terminal: the studio gets SIGHUP and its reads fail from then on.
        _ = try tmux("kill-session", "-t", "hup")
        #expect(exits(pid, within: 5), "the studio kept running after its terminal was gone")
        let prompts = try savedPrompts(folder.path)
        #expect(prompts["rider"] == "full shot of a woman standing next to a brown horse on the beach at dawn at dusk")
        let lock = open(folder.path + "/.storyreel/lock", O_RDWR)
        defer { close(lock) }
        #expect(lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) == 0, "the project is still locked")
        let kept = try String(contentsOfFile: folder.path + "/.storyreel/recovery.json", encoding: .utf8)
        #expect(kept.contains("at dusk unfinished"), "\(kept)")
    }

    @Test func terminalGoneWithoutASignalEndsTheStudio() throws {
        let folder = try project()
        defer { _ = try? tmux("kill-server") }
        // In a session of its own the pane's terminal is not the studio's controlling terminal: closing it sends
        // no SIGHUP, and only the failing reads tell the studio it is gone.
        let pid = try startWithAnEditInProgress(folder.path, session: "lost", wrapper: "setsid")
        _ = try tmux("kill-session", "-t", "lost")
        #expect(exits(pid, within: 5), "the studio kept reading a terminal that was gone")
        #expect(try savedPrompts(folder.path)["rider"]?.hasSuffix("at dusk") == true)
        #expect(try String(contentsOfFile: folder.path + "/.storyreel/recovery.json", encoding: .utf8).contains("at dusk unfinished"))
    }
}
