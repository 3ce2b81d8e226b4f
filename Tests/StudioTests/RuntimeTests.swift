import Foundation
import Imaging
import Project
import Testing
@testable import Studio

/// The whole loop without a terminal: keys → keymap → reducer → effects → services → results → screen.
@Suite struct RuntimeTests {
    @Test func anEditTypedAsKeysIsSavedRenderedAndShown() {
        let h = Harness(board())
        h.start()
        // Every shot was asked for, the selected one first in the focus.
        #expect(h.render.renders.map(\.id) == ["a", "b", "c"])
        #expect(h.render.focusLists.first == ["a", "b", "c"])
        #expect(h.statusLine.hasPrefix(" model sketch · all rendered · cache hits 0 · saved"), "\(h.statusLine)")
        h.press(.char("j"), .enter, .end)
        h.type(" at dusk")
        #expect(h.screen.text.contains("Prompt    a dog in the park at dusk"))
        h.press(.enter)
        // Saved before anything else, then rendered again, and the new picture is the one on screen.
        #expect(h.services.saved.last?.shots[1].prompt == "a dog in the park at dusk")
        #expect(h.render.renders.last.map { [$0.id, $0.prompt] } == ["b", "a dog in the park at dusk"])
        #expect(h.backend.pictures.map(\.slot.content) == [.keyframe(shotID: "b", progress: nil)])
        #expect(h.backend.pictures.first?.frame == FakeRenderService.frame("b", 2))
        #expect(h.runtime.state.status["b"] == .ready && h.statusLine.contains("saved"))
        // Nothing else changed: no shot added by the letters typed (a, d, x are commands while browsing).
        #expect(h.runtime.state.project.shots.map(\.id) == ["a", "b", "c"])
    }

    @Test func theQueueAndItsProgressReachTheStatusBar() {
        let h = Harness(board())
        h.render.answersAtOnce = false
        h.start()
        #expect(h.statusLine.contains("3 stale"))
        h.render.send(.activity(RenderActivity(running: .keyDrawing("b"), queued: [.keyDrawing("a"), .keyDrawing("c"), .clip("b"), .clip("a")])))
        h.render.send(.progress(shotID: "b", step: 3, of: 10))
        h.settle()
        // At 80 columns the cache count makes room for the render news and the save state.
        #expect(h.statusLine == " model sketch · rendering b ▕███       ▏ 3/10 · 4 queued · saved         ? help ", "\(h.statusLine)")
        // A step preview shows in b's slot while it renders (b is not selected: a's slot stays empty).
        h.render.send(.preview(shotID: "a", Frame(width: 4, height: 4, fill: (9, 9, 9, 255))))
        h.settle()
        #expect(h.backend.pictures.first?.frame == Frame(width: 4, height: 4, fill: (9, 9, 9, 255)))
    }

    @Test func movingTheCursorMovesTheRenderFocus() {
        let h = Harness(board(4))
        h.start()
        h.press(.char("j"), .char("j"))
        #expect(h.render.focusLists.last == ["c", "a", "b", "d"])
    }

    @Test func variantsAreAskedForOnceCancelledOnEscapeAndOfferedAgain() {
        let h = Harness(board())
        h.start()
        h.press(.char("v"))
        let seeds = h.render.variantRequests.first?.seeds ?? []
        #expect(h.render.variantRequests.map(\.id) == ["a"] && seeds == [1, 101, 102, 103])
        #expect(h.screen.text.contains("seed 101  queued"))
        h.render.send(.variantProgress(seed: 101, step: 2, of: 8))
        h.render.send(.variant(shotID: "a", seed: 1, Frame(width: 2, height: 2, fill: (1, 1, 1, 255))))
        h.settle()
        #expect(h.screen.text.contains("▸1  seed 1 (current)") && h.screen.text.contains("seed 101  ▕█▌    ▏ 2/8"), "\(h.screen.text)")
        #expect(h.backend.pictures.count == 4 && h.backend.pictures[0].frame == Frame(width: 2, height: 2, fill: (1, 1, 1, 255)))
        #expect(h.backend.pictures[1].frame == nil)
        h.press(.escape)
        #expect(h.render.variantCancels == 1 && h.runtime.state.mode == .browse)
        h.press(.char("v"))
        #expect(h.render.variantRequests.last?.seeds == seeds)
    }

    @Test func ctrlZSuspendsAndTheScreenIsSentAgainAfter() {
        let h = Harness(board())
        h.start()
        let clears = h.backend.clears
        h.press(.ctrl("z"))
        #expect(h.backend.suspensions == 1 && h.backend.clears == clears + 1)
        #expect(!h.runtime.state.shouldQuit && h.screen.text.contains("Runtime"))
        // From the editor too, keeping the edit open.
        h.press(.enter, .ctrl("z"))
        #expect(h.backend.suspensions == 2)
        if case .editing = h.runtime.state.mode {} else { Issue.record("the editor closed") }
    }

    @Test func aResizeRedrawsEverythingAtTheNewSize() {
        let h = Harness(board())
        h.start()
        let clears = h.backend.clears
        h.backend.resize(columns: 120, rows: 40)
        h.settle()
        #expect(h.backend.clears == clears + 1 && h.screen.columns == 120 && h.screen.rows == 40)
        #expect(h.screen.line(39).hasPrefix(" model sketch"))
    }

    @Test func aLostTerminalKeepsTheEditForRecoveryAndEnds() {
        let h = Harness(board())
        h.start()
        h.press(.enter)
        h.type(" unfinished")
        h.backend.hangUp()
        while h.runtime.step() {}
        h.runtime.finish()
        let edit = RecoveredEdit(shotID: "a", field: .prompt, text: "a horse on the beach unfinished")
        #expect(h.runtime.state.shouldQuit && h.runtime.keptEdit == edit)
        #expect(h.services.fakeRecovery.kept.last == edit && h.services.fakeRecovery.flushes == 1 && h.services.finished == 1)
        // The shot itself is as it was: the unfinished text was not committed.
        #expect(h.services.saved.allSatisfy { $0.shots[0].prompt == "a horse on the beach" })
    }

    @Test func aRecoveredEditIsOfferedFirstAndRestoredIntoTheEditor() {
        let h = Harness(board())
        h.services.fakeRecovery.offered = RecoveredEdit(shotID: "b", field: .prompt, text: "a dog in the rain")
        h.start()
        #expect(h.screen.text.contains("Recovered an unsaved edit of b prompt:"))
        h.press(.enter)
        #expect(h.runtime.state.mode == .editing(.prompt, TextField("a dog in the rain")))
        h.press(.enter)
        #expect(h.services.saved.last?.shots[1].prompt == "a dog in the rain" && h.services.fakeRecovery.drops == 1)
    }

    @Test func playbackFollowsTheClockAndCropsToTheCameraMove() {
        let h = Harness(board())
        h.start()
        h.press(.space)
        h.clock.advance(1.0)
        h.settle()
        #expect(h.runtime.state.playhead == 1.0 && h.statusLine.hasPrefix(" ▶ 1 s"))
        guard let picture = h.backend.pictures.first else { Issue.record("no picture"); return }
        // Halfway through a's two seconds, drawing 13 of its clip (12 a second), which is not in yet: the key
        // drawing stands in, and the fake camera shows three quarters of it.
        #expect(picture.slot.content == .drawing(shotID: "a", index: 12, progress: 0.5))
        #expect(picture.frame == FakeRenderService.frame("a", 1))
        #expect(picture.window == CameraWindow(centreX: 0.5, centreY: 0.5, size: 0.75))
        #expect(picture.shown?.width == 12 && picture.shown?.height == 6)
        h.clock.advance(2.5)
        h.settle()
        #expect(h.runtime.state.selected == 1)
        h.press(.space)
        #expect(h.runtime.state.mode == .browse)
    }

    @Test func clipDrawingsAreReadOneAtATimeAsTheyAreShown() {
        let h = Harness(board())
        h.start()
        h.render.send(.clip(shotID: "a", drawings: 24))
        h.settle()
        h.press(.char("."), .char("."))
        #expect(h.backend.pictures.first?.slot.content == .drawing(shotID: "a", index: 2, progress: nil))
        #expect(h.backend.pictures.first?.frame == Frame(width: 16, height: 9, fill: (2, 1, 2, 255)))
        h.press(.char(","))
        h.press(.char("."))
        // Drawing 2 was decoded once and kept.
        #expect(h.render.drawingsAsked.filter { $0.index == 2 }.count == 1)
        // A new render of the shot forgets its old clip: the preview shows the key drawing until the new clip is in.
        h.press(.char("s"))
        #expect(h.backend.pictures.first?.frame == FakeRenderService.frame("a", 2))
    }

    @Test func aFailedSaveSaysSoAndAnExportRunsThroughTheServices() {
        let h = Harness(board())
        h.start()
        h.services.saveProblem = "disk full"
        h.press(.char("s"))
        #expect(h.statusLine.hasPrefix(" could not save: disk full"), "\(h.statusLine)")
        #expect(!h.runtime.state.saved)
        h.services.saveProblem = nil
        h.press(.char(":"))
        h.type("export pdf board.pdf")
        h.press(.enter)
        #expect(h.services.exports == [["pdf", "board.pdf"]])
        #expect(h.statusLine.contains("exporting board 1/2 (Esc cancels)"), "\(h.statusLine)")
        h.press(.escape)
        #expect(h.services.exportCancels == 1)
    }

    @Test func aKeymapFileChangesWhatTheLoopDoes() throws {
        let (keymap, warnings) = try Keymap.load("[browse]\nn = \"next_shot\"\nj = \"no_op\"\n", name: "t.toml")
        #expect(warnings.isEmpty)
        let h = Harness(board(), keymap: keymap)
        h.start()
        h.press(.char("j"))
        #expect(h.runtime.state.selected == 0)
        h.press(.char("n"))
        #expect(h.runtime.state.selected == 1)
    }

    @Test func quittingSavesAnUnsavedProjectAndEnds() {
        let h = Harness(board())
        h.start()
        h.services.saveProblem = "read-only"
        h.press(.char("a"))
        h.services.saveProblem = nil
        h.backend.type([.char("q")])
        while h.runtime.step() {}
        #expect(h.runtime.state.shouldQuit && h.services.saved.last?.shots.count == 4)
    }
}
