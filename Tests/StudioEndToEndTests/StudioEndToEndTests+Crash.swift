import Foundation
import Testing
import TestSupport

/// A crash (a Swift runtime trap arrives as SIGILL or SIGTRAP; a bad pointer as SIGSEGV) still gives the user their
/// terminal back: out of the alternate screen, the shell's text readable, and the project file whole.
extension StudioEndToEndTests {
    @Test(arguments: [SIGILL, SIGSEGV, SIGTRAP])
    func crashSignalRestoresTheTerminalAndLeavesTheProjectWhole(_ sig: Int32) throws {
        let folder = try project()
        defer { _ = try? tmux("kill-server") }
        let session = "crash\(sig)"
        // No core file: it would land in the test's working folder.
        try start(folder.path, session: session, wrapper: "ulimit -c 0;")
        let ready = try wait(session) { $0.contains("all rendered") }
        #expect(ready.contains("all rendered"), "\(ready)")
        let pid = try studioPID(folder.path)
        kill(pid, sig)
        #expect(exits(pid, within: 5), "the studio survived signal \(sig)")
        // The shell saw the signal's own status (128 + signal): the handler re-raised it with the default action.
        let after = try wait(session) { $0.contains("STUDIO-EXIT-") }
        #expect(after.contains("STUDIO-EXIT-\(128 + sig)"), "\(after)")
        #expect(try tmux("display", "-p", "-t", session, "#{alternate_on}").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        // Nothing of the studio's frame is left on the shell's screen.
        for word in ["cache hits", "Prompt", "Open Shore", "▀", "│"] { #expect(!after.contains(word), "\(word) left in \(after)") }
        // The terminal's settings are back: typed text echoes again (the studio had echo off), though only `sleep` reads.
        _ = try tmux("send-keys", "-t", session, "-l", "TYPED-AFTER")
        let typed = try wait(session, seconds: 5) { $0.contains("TYPED-AFTER") }
        #expect(typed.contains("TYPED-AFTER"), "echo was not restored: \(typed)")
        let prompts = try savedPrompts(folder.path)
        #expect(prompts.count == 8 && prompts["rider"] == "full shot of a woman standing next to a brown horse on the beach at dawn")
    }
}
