import Project
import Testing
@testable import Studio

/// Clips in the preview: stepping drawing by drawing, looping the selected shot, and playback at the drawing rate.
@Suite struct ClipPreviewTests {
    func state() -> StudioState {
        var p = Project(title: "T")
        p.drawingsPerSecond = 12
        p.shots = [Shot(id: "a", prompt: "a horse galloping", seed: 1, duration: 2), Shot(id: "b", prompt: "a dog", seed: 2, duration: 1)]
        return StudioState(project: p)
    }

    @Test func stepsStayInsideTheClip() {
        var s = state()
        #expect(s.previewDrawing == 0)
        _ = s.reduce(.stepDrawing(1))
        _ = s.reduce(.stepDrawing(1))
        #expect(s.previewDrawing == 2 && s.notice == "drawing 3 of 24 (12 a second)")
        _ = s.reduce(.stepDrawing(-5))
        #expect(s.previewDrawing == 0)
        _ = s.reduce(.stepDrawing(100))
        #expect(s.previewDrawing == 23)
        // Another shot starts at its key drawing.
        _ = s.reduce(.moveSelection(1))
        #expect(s.previewDrawing == 0)
    }

    @Test func loopWrapsAtTheClipsEnd() {
        var s = state()
        _ = s.reduce(.toggleLoop(now: 100))
        _ = s.reduce(.tick(now: 100.5))
        #expect(s.previewDrawing == 6)
        _ = s.reduce(.tick(now: 102.25))  // 27 drawings in: 3 into the second pass of 24
        #expect(s.previewDrawing == 3)
        _ = s.reduce(.toggleLoop(now: 103))
        #expect(s.loopingSince == nil)
    }

    @Test func playbackShowsTheDrawingUnderThePlayhead() {
        var s = state()
        _ = s.reduce(.togglePlay(now: 10))
        _ = s.reduce(.tick(now: 11.0))
        #expect(s.selected == 0 && s.previewDrawing == 12)
        _ = s.reduce(.tick(now: 12.5))  // half a second into shot b, which holds 12 drawings
        #expect(s.selected == 1 && s.previewDrawing == 6)
        let (_, slots) = StudioView.render(s, columns: 120, rows: 36, keymap: .standard)
        #expect(slots.first.map { if case .drawing("b", 6, .some) = $0.content { return true } else { return false } } == true)
    }
}
