import Project
import Testing
@testable import Studio

@Suite struct ReducerTests {
    func state() -> StudioState {
        var p = Project(title: "T")
        p.shots = [Shot(id: "a", prompt: "a horse", seed: 1), Shot(id: "b", prompt: "a dog", seed: 2), Shot(id: "c", prompt: "a car", seed: 3)]
        return StudioState(project: p)
    }

    @Test func editingThePromptCommitsRendersAndSaves() {
        var s = state()
        _ = s.reduce(.moveSelection(1))
        _ = s.reduce(.beginEdit(nil))
        for action: StudioAction in [.editEnd, .editDeleteWord, .editInsert("cat")] { _ = s.reduce(action) }
        let effects = s.reduce(.commit)
        #expect(s.project.shots[1].prompt == "a cat")
        #expect(effects == [.save, .render(id: "b"), .dropRecovery])
        #expect(s.mode == .browse && !s.saved)
    }

    @Test func cancelledEditChangesNothing() {
        var s = state()
        _ = s.reduce(.beginEdit(.prompt))
        _ = s.reduce(.editInsert(" galloping"))
        #expect(s.reduce(.cancel) == [.dropRecovery])
        #expect(s.project.shots[0].prompt == "a horse" && s.undoStack.isEmpty)
    }

    @Test func badFieldTextKeepsTheEditorOpenWithAMessage() {
        var s = state()
        _ = s.reduce(.beginEdit(.duration))
        _ = s.reduce(.editBackspace)
        _ = s.reduce(.editInsert("-2"))
        #expect(s.reduce(.commit).isEmpty)
        #expect(s.message?.contains("duration") == true)
        if case .editing(.duration, _) = s.mode {} else { Issue.record("editor closed") }
    }

    @Test func undoAndRedoCoverDeleteAndReorder() {
        var s = state()
        _ = s.reduce(.moveShot(1))  // a moves after b
        #expect(s.project.shots.map(\.id) == ["b", "a", "c"] && s.selected == 1)
        _ = s.reduce(.deleteShot)
        #expect(s.project.shots.map(\.id) == ["b", "c"])
        _ = s.reduce(.undo)
        #expect(s.project.shots.map(\.id) == ["b", "a", "c"])
        _ = s.reduce(.undo)
        #expect(s.project.shots.map(\.id) == ["a", "b", "c"])
        _ = s.reduce(.redo)
        _ = s.reduce(.redo)
        #expect(s.project.shots.map(\.id) == ["b", "c"])
        #expect(s.reduce(.redo).isEmpty && s.message == "nothing to redo")
    }

    @Test func undoOfASeedChangeRendersTheShotAgain() {
        var s = state()
        _ = s.reduce(.newSeed(99))
        #expect(s.reduce(.undo) == [.save, .render(id: "a")])
        #expect(s.project.shots[0].seed == 1)
    }

    @Test func variantsPickSetsTheSeed() {
        var s = state()
        let effects = s.reduce(.openVariants(count: 4, seeds: [10, 11, 12, 13, 14]))
        #expect(effects == [.renderVariants(id: "a", seeds: [1, 10, 11, 12])])
        _ = s.reduce(.pickVariant(2))
        #expect(s.project.shots[0].seed == 11 && s.mode == .browse)
    }

    @Test func commandsSeedExportAndQuit() {
        var s = state()
        _ = s.reduce(.openCommand)
        for c in "seed 42" { _ = s.reduce(.editInsert(String(c))) }
        _ = s.reduce(.commit)
        #expect(s.project.shots[0].seed == 42)
        _ = s.reduce(.openCommand)
        for c in "export pdf out.pdf" { _ = s.reduce(.editInsert(String(c))) }
        #expect(s.reduce(.commit) == [.export(["pdf", "out.pdf"])])
        #expect(s.exporting == ExportProgress(stage: "starting"))
        _ = s.reduce(.openCommand)
        _ = s.reduce(.editInsert("q"))
        // Quitting stops the export still running.
        #expect(s.reduce(.commit) == [.cancelExport, .save, .quit] && s.shouldQuit)
    }

    @Test func playbackFollowsTheCutAndStopsAtTheEnd() {
        var s = state()  // three shots of 3 s
        _ = s.reduce(.togglePlay(now: 100))
        _ = s.reduce(.tick(now: 104))
        #expect(s.selected == 1 && abs(s.playhead - 4) < 1e-9)
        _ = s.reduce(.tick(now: 109.5))
        #expect(s.mode == .browse)
    }
}
