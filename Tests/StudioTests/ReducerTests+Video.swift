import Project
import Testing
@testable import Studio

/// A video model's clip: window and step progress in the status bar, and Esc cancels it.
extension ReducerTests {
    @Test func clipProgressShowsWindowAndStepAndEscapeCancelsIt() {
        var s = state()
        _ = s.reduce(.renderFinished(id: "a", cached: false))
        _ = s.reduce(.clipProgress(id: "a", window: 2, windows: 3, step: 1, of: 4))
        #expect(s.status["a"] == .animating(window: 2, windows: 3, step: 1, of: 4))
        let bar = StudioView.render(s, columns: 120, rows: 30).0.line(29)
        #expect(bar.contains("animating a window 2/3 ▕██▌       ▏ 1/4 (Esc cancels)"), "\(bar)")
        #expect(s.reduce(.cancel) == [.cancelRenders])
        #expect(s.status["a"] == .stale && s.notice?.contains("cancelling renders") == true)
        // A clip that finishes after being cancelled does not mark the shot ready again.
        _ = s.reduce(.clipFinished(id: "a"))
        #expect(s.status["a"] == .stale)
        // Nothing running: Esc goes back to ending A/B.
        #expect(s.reduce(.cancel).isEmpty)
    }

    @Test func aFinishedClipMarksItsShotReady() {
        var s = state()
        _ = s.reduce(.clipProgress(id: "a", window: 1, windows: 1, step: 4, of: 4))
        _ = s.reduce(.clipFinished(id: "a"))
        #expect(s.status["a"] == .ready)
    }
}

