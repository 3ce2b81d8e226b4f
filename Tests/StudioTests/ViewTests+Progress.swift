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
        #expect(bar.contains("rendering s02 ▕██████    ▏ 12/20"), "\(bar)")
        // The bar's cells are the status bar's, like the text around it.
        let start = bar.distance(from: bar.startIndex, to: bar.range(of: "▕")!.lowerBound)
        #expect(grid[29, start].scope == .statusbar && grid[29, start + 1].character == "█")
        s.status["s02"] = .rendering(step: 9, of: 20)
        #expect(StudioView.render(s, columns: 100, rows: 30).0.line(29).contains("▕████▌     ▏ 9/20"))
    }

    @Test func statusBarShowsTheQueueAndWhatItRuns() {
        var s = state()
        s.status["s01"] = .ready
        _ = s.reduce(.renderProgress(id: "s02", step: 5, of: 20))
        _ = s.reduce(.renderActivity(RenderActivity(running: .keyDrawing("s02"), queued: [.clip("s01"), .clip("s02")])))
        #expect(StudioView.render(s, columns: 120, rows: 30).0.line(29)
            .hasPrefix(" model sketch · rendering s02 ▕██▌       ▏ 5/20 · 2 queued · cache hits 0 · saved"))
        // Key drawings done, a clip drawing: the board is rendered and the clip says so.
        _ = s.reduce(.renderFinished(id: "s02", cached: false))
        _ = s.reduce(.renderActivity(RenderActivity(running: .clip("s01"), queued: [.clip("s02")])))
        #expect(StudioView.render(s, columns: 120, rows: 30).0.line(29)
            .hasPrefix(" model sketch · all rendered · drawing the clip of s01 · 1 queued · cache hits 0 · saved"))
        // A variant with its steps.
        _ = s.reduce(.variantProgress(seed: 42, step: 10, of: 20))
        _ = s.reduce(.renderActivity(RenderActivity(running: .variant("s01", seed: 42), queued: [])))
        #expect(StudioView.render(s, columns: 120, rows: 30).0.line(29).hasPrefix(" model sketch · rendering seed 42 ▕█████     ▏ 10/20 · cache hits 0"))
        // Idle again.
        _ = s.reduce(.renderActivity(RenderActivity()))
        #expect(StudioView.render(s, columns: 120, rows: 30).0.line(29).hasPrefix(" model sketch · all rendered · cache hits 0 · saved"))
    }

    @Test func statusBarNamesTheModelTheSelectedShotRendersWith() {
        var s = state()
        s.project.model = "sd:/models/checkpoints/v1-5-pruned-emaonly.safetensors"
        s.project.shots[1].model = "sketch"
        #expect(StudioView.render(s, columns: 120, rows: 30).0.line(29).hasPrefix(" model sd:v1-5-pruned-emaonly.safetensors · 2 stale"))
        _ = s.reduce(.moveSelection(1))
        #expect(StudioView.render(s, columns: 120, rows: 30).0.line(29).hasPrefix(" model sketch · 2 stale"))
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
