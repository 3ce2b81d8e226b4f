import Foundation
import Project
import Testing
@testable import Studio

/// A/B and the status-bar additions, drawn into a cell grid.
extension ViewTests {
    @Test func compareShowsTwoPreviewsSideBySide() {
        var s = state()
        let (single, one) = StudioView.render(s, columns: 100, rows: 30)
        _ = s.reduce(.compare)
        _ = s.reduce(.moveSelection(1))
        let (grid, slots) = StudioView.render(s, columns: 100, rows: 30)
        #expect(slots.map(\.content) == [.keyframe(shotID: "s01", progress: nil), .keyframe(shotID: "s02", progress: nil)])
        let (a, b) = (slots[0], slots[1])
        // One row, A left of B, no overlap, right of the shot list, the frame shape kept.
        #expect(a.row == b.row && a.columns == b.columns && a.rows == b.rows)
        #expect(a.column + a.columns <= b.column)
        let border = grid.line(1).distance(from: grid.line(1).startIndex, to: grid.line(1).firstIndex(of: "│")!)
        #expect(a.column > border && b.column + b.columns < 100 && a.row == one[0].row)
        #expect(abs(Double(a.columns) / Double(a.rows * 2) - 1024.0 / 576.0) < 0.2)
        // Labels under each picture.
        let labels = grid.line(a.row + a.rows)
        #expect(labels.contains("A  s01 · seed 1") && labels.contains("B  s02 · seed 2"), "\(labels)")
        let labelColumn = labels.distance(from: labels.startIndex, to: labels.range(of: "B  s02")!.lowerBound)
        #expect(labelColumn == b.column)
        #expect(!single.text.contains("A  s01"))
        // Playing shows the cut alone.
        _ = s.reduce(.togglePlay(now: 0))
        #expect(StudioView.render(s, columns: 100, rows: 30).1.count == 1)
    }

    @Test func variantsCompareShowsTheCurrentSeedBesideTheFocusedOne() {
        var s = state()
        _ = s.reduce(.openVariants(count: 4, seeds: [10, 11, 12]))
        _ = s.reduce(.moveSelection(2))
        let (grid, _) = StudioView.render(s, columns: 120, rows: 40)
        #expect(grid.text.contains("▸3  seed 11") && grid.text.contains(" 1  seed 1 (current)"))
        let focused = grid.cells.filter { $0.scope == .focus }.map { String($0.character) }.joined()
        #expect(focused.contains("seed 11"))
        _ = s.reduce(.compare)
        let (pair, slots) = StudioView.render(s, columns: 120, rows: 40)
        #expect(slots.map(\.content) == [.keyframe(shotID: "s01", progress: nil), .variant(shotID: "s01", seed: 11)])
        #expect(slots[0].row == slots[1].row && slots[0].column + slots[0].columns <= slots[1].column)
        #expect(pair.text.contains("A  seed 1 (current)") && pair.text.contains("B  seed 11") && pair.text.contains("Enter picks it"))
    }

    @Test func helpListsTheCompareKey() {
        var s = state()
        _ = s.reduce(.openHelp)
        let (help, _) = StudioView.render(s, columns: 110, rows: 36)
        #expect(help.text.contains("b           A/B"), "\(help.text)")
        #expect(help.text.contains("Esc         cancel the running export"), "\(help.text)")
    }

    @Test func recoveryPromptShowsTheWholeTextAndWaits() {
        var s = state()
        _ = s.reduce(.offerRecovery(RecoveredEdit(shotID: "s02", field: .prompt, text: "a dog in the park at night")))
        let (grid, slots) = StudioView.render(s, columns: 160, rows: 30)
        #expect(grid.line(29).hasPrefix(" Recovered an unsaved edit of s02 prompt: 'a dog in the park at night' — Enter to restore into the editor, Esc to discard"))
        #expect(slots.isEmpty)  // the question's box sits where the preview would
        // Narrower, the status bar shortens the text; the box above shows all of it, wrapped.
        let long = "wide shot of a dog running through the park at night, lanterns along the path, rain on the lens, a cyclist passing"
        _ = s.reduce(.cancel)
        _ = s.reduce(.offerRecovery(RecoveredEdit(shotID: "s02", field: .notes, text: long)))
        let (medium, _) = StudioView.render(s, columns: 120, rows: 30)
        #expect(medium.line(29).contains("'…") && medium.line(29).contains("a cyclist passing' — Enter to restore"), "\(medium.line(29))")
        // Too narrow for any of it: the question alone.
        let (narrow, _) = StudioView.render(s, columns: 80, rows: 30)
        #expect(narrow.line(29).hasPrefix(" Recovered an unsaved edit of s02 notes: Enter restores it, Esc discards it"), "\(narrow.line(29))")
        // The box's inside, row by row, as one run of words.
        let top = (0..<30).first { narrow.line($0).contains("┌") }!
        let left = narrow.cells[(top * 80)..<((top + 1) * 80)].firstIndex { $0.character == "┌" }! - top * 80
        let right = narrow.cells[(top * 80)..<((top + 1) * 80)].firstIndex { $0.character == "┐" }! - top * 80
        let bottom = (top..<30).first { narrow.line($0).contains("└") }!
        let inside = (top + 1..<bottom).map { row in
            String((left + 1..<right).map { narrow[row, $0].character })
        }
        let words = inside.joined(separator: " ").split(whereSeparator: { $0 == " " || $0 == "'" }).joined(separator: " ")
        #expect(words.contains("Recovered an unsaved edit of s02 notes:"), "\(narrow.text)")
        #expect(words.contains(long.replacingOccurrences(of: "  ", with: " ")), "\(narrow.text)")
        #expect(narrow.text.contains("Enter to restore into the editor, Esc to discard"))
    }

    @Test func exportProgressAndResultOnTheStatusBar() {
        var s = state()
        _ = s.reduce(.openCommand)
        _ = s.reduce(.editInsert("export pdf /tmp/b.pdf"))
        _ = s.reduce(.commit)
        _ = s.reduce(.exportProgress(stage: "board pages", done: 1, of: 2))
        let (running, _) = StudioView.render(s, columns: 120, rows: 30)
        #expect(running.line(29).contains("exporting board pages 1/2 (Esc cancels) · model sketch"))
        _ = s.reduce(.exportFinished("exported /tmp/b.pdf"))
        let (done, _) = StudioView.render(s, columns: 120, rows: 30)
        #expect(done.line(29).hasPrefix(" exported /tmp/b.pdf") && done[29, 1].scope == .statusbar)
        _ = s.reduce(.exportFailed("export failed: disk full"))
        let (failed, _) = StudioView.render(s, columns: 120, rows: 30)
        #expect(failed.line(29).hasPrefix(" export failed: disk full") && failed[29, 1].scope == .error)
    }
}
