import Foundation
import Testing
import TestSupport

/// `:export` runs inside the studio, which holds the project lock, and reports on the status bar.
extension StudioEndToEndTests {
    @Test func exportCommandWritesAPDFWhileTheStudioHoldsTheLock() throws {
        let folder = try project()
        let out = TestFolder()
        defer { _ = try? tmux("kill-server") }
        try start(folder.path, session: "export")
        let ready = try wait("export") { $0.contains("all rendered") }
        #expect(ready.contains("all rendered"), "\(ready)")
        let pdf = out.path + "/board.pdf"
        _ = try tmux("send-keys", "-t", "export", ":")
        _ = try tmux("send-keys", "-t", "export", "-l", "export pdf \(pdf)")
        _ = try tmux("send-keys", "-t", "export", "Enter")
        let done = try wait("export", seconds: 90) { $0.contains("exported") || $0.contains("failed") }
        #expect(done.contains("exported"), "\(done)")
        let info = try runProgram("/usr/bin/env", ["pdfinfo", pdf])
        #expect(info.status == 0, "\(info.err)")
        // Eight shots on 3×2 pages.
        #expect(info.out.split(separator: "\n").contains { $0.hasPrefix("Pages:") && $0.hasSuffix(" 2") }, "\(info.out)")
        #expect(FileManager.default.fileExists(atPath: pdf + ".manifest.json"))
        // The studio is still running and still holds the project.
        _ = try tmux("send-keys", "-t", "export", "q")
        let after = try wait("export") { $0.contains("STUDIO-EXIT-") }
        #expect(after.contains("STUDIO-EXIT-0"), "\(after)")
    }

    @Test func escapeCancelsARunningExportAndLeavesNoFile() throws {
        let folder = try project()
        let out = TestFolder()
        defer { _ = try? tmux("kill-server") }
        try start(folder.path, session: "cancel")
        _ = try wait("cancel") { $0.contains("all rendered") }
        // A 45 s animatic takes several seconds to encode: long enough to cancel it.
        let mp4 = out.path + "/cut.mp4"
        _ = try tmux("send-keys", "-t", "cancel", ":")
        _ = try tmux("send-keys", "-t", "cancel", "-l", "export mp4 \(mp4)")
        _ = try tmux("send-keys", "-t", "cancel", "Enter")
        let running = try wait("cancel", seconds: 60) { $0.contains("video frames") }
        #expect(running.contains("exporting"), "\(running)")
        _ = try tmux("send-keys", "-t", "cancel", "Escape")
        let cancelled = try wait("cancel", seconds: 30) { $0.contains("cancelled") }
        #expect(cancelled.contains("export cancelled"), "\(cancelled)")
        let left = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(left.isEmpty, "\(left)")
        _ = try tmux("send-keys", "-t", "cancel", "q")
        _ = try wait("cancel") { $0.contains("STUDIO-EXIT-") }
    }
}
