import Project
import Testing
@testable import Studio

/// The status bar's render progress: a bar of block characters that grows with the sampler's steps.
extension ViewTests {
    @Test func statusBarShowsRenderProgressAsABar() {
        var s = state()
        s.status["s01"] = .ready
        s.status["s02"] = .rendering(step: 12, of: 20)
        let (grid, _) = StudioView.render(s, columns: 100, rows: 30)
        let bar = grid.line(29)
        // 12 of 20 steps in 10 cells: six full blocks, four empty, then the count.
        #expect(bar.contains("rendering ▕██████    ▏ 12/20"), "\(bar)")
        // The bar's cells are the status bar's, like the text around it.
        let start = bar.distance(from: bar.startIndex, to: bar.range(of: "▕")!.lowerBound)
        #expect(grid[29, start].scope == .statusbar && grid[29, start + 1].character == "█")
        s.status["s02"] = .rendering(step: 9, of: 20)
        #expect(StudioView.render(s, columns: 100, rows: 30).0.line(29).contains("▕████▌     ▏ 9/20"))
    }

    @Test func progressBarCoversEveryStepAndClampsOutOfRangeCounts() {
        #expect(ProgressBar.text(done: 0, of: 20) == "▕          ▏ 0/20")
        #expect(ProgressBar.text(done: 20, of: 20) == "▕██████████▏ 20/20")
        #expect(ProgressBar.text(done: 1, of: 80) == "▕▏         ▏ 1/80")
        #expect(ProgressBar.text(done: 25, of: 20) == "▕██████████▏ 20/20")
        #expect(ProgressBar.text(done: 3, of: 0) == "▕██████████▏ 1/1")
        // Every step of a long render changes the bar's width in eighths (or the count), never its length.
        for n in 0...150 { #expect(ProgressBar.text(done: n, of: 150).count == ProgressBar.text(done: 0, of: 150).count + String(n).count - 1) }
    }
}
