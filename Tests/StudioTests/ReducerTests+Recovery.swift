import Project
import Testing
@testable import Studio

/// The recovery file's side of the reducer: what an edit asks to keep, and the prompt at start.
extension ReducerTests {
    @Test func typingKeepsTheEditForRecoveryUntilItIsCommitted() {
        var s = state()
        _ = s.reduce(.moveSelection(1))
        #expect(s.reduce(.beginEdit(.prompt)).isEmpty)
        #expect(s.reduce(.editInsert(" run")) == [.keepRecovery(RecoveredEdit(shotID: "b", field: .prompt, text: "a dog run"))])
        #expect(s.reduce(.editLeft).isEmpty)  // the cursor moving changes nothing worth keeping
        #expect(s.reduce(.editDeleteWord) == [.keepRecovery(RecoveredEdit(shotID: "b", field: .prompt, text: "a dog n"))])
        // Typed back to what the shot holds, there is nothing left to lose.
        _ = s.reduce(.editEnd)
        for _ in 0..<3 { _ = s.reduce(.editBackspace) }
        #expect(s.editInProgress?.text == "a do")
        #expect(s.reduce(.editInsert("g")) == [.dropRecovery])
        _ = s.reduce(.editInsert("s"))
        #expect(s.reduce(.commit) == [.save, .render(id: "b"), .dropRecovery])
    }

    @Test func recoveryPromptRestoresIntoTheEditor() {
        var s = state()
        let edit = RecoveredEdit(shotID: "c", field: .notes, text: "keep the horizon low")
        #expect(s.reduce(.offerRecovery(edit)).isEmpty)
        #expect(s.mode == .recovery(edit))
        // Other keys wait for the answer.
        #expect(s.reduce(.moveSelection(1)).isEmpty && s.selected == 0 && s.mode == .recovery(edit))
        // Enter: the shot selected, its field open with the text; the file stays until the edit ends.
        #expect(s.reduce(.commit).isEmpty)
        #expect(s.selected == 2 && s.focusedField == .notes && s.mode == .editing(.notes, TextField("keep the horizon low")))
        #expect(s.reduce(.commit) == [.save, .dropRecovery])
        #expect(s.project.shots[2].notes == "keep the horizon low" && s.mode == .browse)
    }

    @Test func recoveryPromptDiscards() {
        var s = state()
        _ = s.reduce(.offerRecovery(RecoveredEdit(shotID: "a", field: .prompt, text: "a horse at night")))
        #expect(s.reduce(.cancel) == [.dropRecovery])
        #expect(s.mode == .browse && s.project.shots[0].prompt == "a horse" && s.undoStack.isEmpty)
    }

    @Test func recoveryOfAShotThatIsGoneSaysSo() {
        var s = state()
        _ = s.reduce(.offerRecovery(RecoveredEdit(shotID: "zz", field: .prompt, text: "lost")))
        #expect(s.reduce(.commit) == [.dropRecovery])
        #expect(s.mode == .browse && s.message?.contains("zz") == true)
    }
}
