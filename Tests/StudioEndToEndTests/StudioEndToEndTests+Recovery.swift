import Foundation
import Testing
import TestSupport

/// A field edit in progress survives `kill -9`: the next studio offers it back.
extension StudioEndToEndTests {
    @Test func anEditInProgressSurvivesKillNine() throws {
        let folder = try project()
        defer { _ = try? tmux("kill-server") }
        let pid = try startWithAnEditInProgress(folder.path, session: "crash")
        let recovery = folder.path + "/.storyreel/recovery.json"
        #expect(try waitFor(seconds: 5) {
            (try? String(contentsOfFile: recovery, encoding: .utf8))?.contains("at dusk unfinished") == true
        }, "no recovery file while editing")
        kill(pid, SIGKILL)
        #expect(exits(pid, within: 5))
        #expect(try savedPrompts(folder.path)["rider"]?.contains("unfinished") == false)

        try start(folder.path, session: "again")
        let offer = try wait("again") { $0.contains("Recovered an unsaved edit") }
        #expect(offer.contains("Recovered an unsaved edit of rider prompt") && offer.contains("Enter to restore"), "\(offer)")
        _ = try tmux("send-keys", "-t", "again", "Enter")
        // The editor scrolls to its cursor, at the end; the field shown unedited would start with "full shot".
        let editing = try wait("again") { $0.contains("at dusk unfinished") }
        #expect(editing.contains("at dusk unfinished"), "\(editing)")
        _ = try tmux("send-keys", "-t", "again", "Enter")
        #expect(try waitFor(seconds: 10) { (try? savedPrompts(folder.path))?["rider"]?.hasSuffix("at dusk unfinished") == true })
        _ = try tmux("send-keys", "-t", "again", "q")
        let after = try wait("again") { $0.contains("STUDIO-EXIT-") }
        #expect(after.contains("STUDIO-EXIT-0"), "\(after)")
        #expect(try savedPrompts(folder.path)["rider"] == "full shot of a woman standing next to a brown horse on the beach at dawn at dusk unfinished")
        #expect(!FileManager.default.fileExists(atPath: recovery), "the recovery file outlived the commit")
    }
}
