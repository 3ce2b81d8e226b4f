import Project
import Testing
@testable import Studio

/// `:export` runs in the background; its progress and result reach the status bar, and Esc cancels it.
extension ReducerTests {
    func command(_ s: inout StudioState, _ line: String) -> [StudioEffect] {
        _ = s.reduce(.openCommand)
        _ = s.reduce(.editInsert(line))
        return s.reduce(.commit)
    }

    @Test func exportRunsOneAtATimeAndReports() {
        var s = state()
        #expect(command(&s, "export pdf /tmp/b.pdf layout 3x3") == [.export(["pdf", "/tmp/b.pdf", "layout", "3x3"])])
        #expect(command(&s, "export mp4 /tmp/c.mp4").isEmpty && s.message?.contains("an export is running") == true)
        _ = s.reduce(.exportProgress(stage: "board pages", done: 1, of: 2))
        #expect(s.exporting == ExportProgress(stage: "board pages", done: 1, total: 2))
        _ = s.reduce(.exportFinished("exported /tmp/b.pdf"))
        #expect(s.exporting == nil && s.notice == "exported /tmp/b.pdf" && s.message == nil)
        #expect(command(&s, "export pdf").isEmpty && s.message?.hasPrefix(":export KIND FILE") == true)
    }

    @Test func escapeCancelsTheRunningExportThenEndsCompare() {
        var s = state()
        _ = s.reduce(.compare)
        _ = command(&s, "export gif /tmp/a.gif")
        #expect(s.reduce(.cancel) == [.cancelExport])
        #expect(s.compareWith == "a")  // the first Esc was for the export
        _ = s.reduce(.exportFailed("export cancelled; the file being written was removed"))
        #expect(s.exporting == nil && s.message?.contains("cancelled") == true)
        #expect(s.reduce(.cancel).isEmpty && s.compareWith == nil)
    }
}
