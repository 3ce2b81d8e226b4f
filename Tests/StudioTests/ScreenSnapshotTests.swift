import Foundation
import Project
import TestSupport
import Testing
@testable import Studio

/// Whole screens from the headless backend compared with screens kept in `Tests/StudioTests/Snapshots`: every
/// character, every cell's theme scope and every picture slot, so a change anywhere on screen shows up, not only in
/// the substrings a test thought of. `STORYREEL_RECORD_SNAPSHOTS=1` writes them anew (and fails, so a recording is
/// always looked at before it is kept).
@Suite struct ScreenSnapshotTests {
    static let letters: [Scope: Character] = {
        var map: [Scope: Character] = [:]
        let pairs: [(Scope, Character)] = [
            (.text, "."), (.dim, "d"), (.title, "T"), (.selection, "S"), (.focus, "F"), (.statusbar, "B"), (.error, "E"),
            (.timeline, "t"), (.timelineAlt, "a"), (.timelineSelected, "s"), (.playhead, "p"), (.border, "w"),
            (.cursor, "c"), (.ready, "r"), (.stale, "z"), (.rendering, "g"),
        ]
        for (scope, letter) in pairs { map[scope] = letter }
        return map
    }()

    /// The screen as text: the characters, then the scopes a letter per cell, then the picture slots.
    static func snapshot(_ backend: HeadlessBackend) -> String {
        let grid = backend.screen
        var out = ["\(grid.columns)x\(grid.rows)"]
        out += (0..<grid.rows).map { grid.line($0) }
        out.append("--- scopes")
        out += (0..<grid.rows).map { r in String((0..<grid.columns).map { letters[grid[r, $0].scope] ?? "?" }) }
        out.append("--- pictures")
        out += backend.pictures.map { p in
            "\(p.slot.row),\(p.slot.column) \(p.slot.columns)x\(p.slot.rows) \(p.slot.content)\(p.frame == nil ? " (empty)" : "")"
        }
        return out.joined(separator: "\n") + "\n"
    }

    func check(_ name: String, _ backend: HeadlessBackend, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = repositoryRoot + "/Tests/StudioTests/Snapshots/\(name).txt"
        let actual = Self.snapshot(backend)
        if ProcessInfo.processInfo.environment["STORYREEL_RECORD_SNAPSHOTS"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("recorded \(path); look at it, then run again without STORYREEL_RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        guard actual != expected else { return }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false), e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
        Issue.record("""
            screen \(name) differs from \(path) first at line \(line + 1):
              expected: \(line < e.count ? String(e[line]) : "(end)")
              actual:   \(line < a.count ? String(a[line]) : "(end)")
            whole screen now:
            \(actual)
            """, sourceLocation: sourceLocation)
    }

    func twelve() -> Project {
        var p = Project(title: "Sofa Spot")
        let prompts = ["wide shot of a living room at night", "medium shot of a woman sitting on a sofa",
                       "close-up of a remote control on a table", "over the shoulder shot of a television"]
        for i in 1...12 {
            var shot = Shot(id: String(format: "s%02d", i), prompt: prompts[i % prompts.count], seed: UInt32(100 + i))
            shot.duration = Double(1 + i % 4)
            if i == 5 { shot.notes = "the hero shot" }
            p.shots.append(shot)
        }
        return p
    }

    @Test func mainView80x24() throws {
        let h = Harness(board())
        h.start()
        h.press(.char("j"))
        try check("main-80x24", h.backend)
    }

    @Test func editingWithACursor80x24() throws {
        let h = Harness(board())
        h.start()
        h.press(.enter)
        h.type(" at dawn")
        h.press(.left, .left, .left, .left)
        try check("editing-80x24", h.backend)
    }

    @Test func helpOverlay80x24() throws {
        let h = Harness(board())
        h.start()
        h.press(.char("?"))
        try check("help-80x24", h.backend)
    }

    @Test func variantsGridRendering80x24() throws {
        let h = Harness(board())
        h.start()
        h.press(.char("v"), .right)
        h.render.send(.variant(shotID: "a", seed: 1, FakeRenderService.frame("a", 1)))
        h.render.send(.variantProgress(seed: 101, step: 3, of: 6))
        h.render.send(.activity(RenderActivity(running: .variant("a", seed: 101), queued: [.variant("a", seed: 102), .variant("a", seed: 103)])))
        h.settle()
        try check("variants-80x24", h.backend)
    }

    @Test func recoveryQuestion80x24() throws {
        let h = Harness(board())
        h.services.fakeRecovery.offered = RecoveredEdit(shotID: "b", field: .prompt, text: "a dog in the park in the rain, low angle")
        h.start()
        try check("recovery-80x24", h.backend)
    }

    @Test func bigBoardRendering250x70() throws {
        let h = Harness(twelve(), columns: 250, rows: 70)
        h.render.answersAtOnce = false
        h.start()
        for id in ["s01", "s02", "s03", "s04", "s06"] { h.render.finish(id) }
        h.render.send(.activity(RenderActivity(running: .keyDrawing("s05"), queued: [.keyDrawing("s07"), .keyDrawing("s08"), .keyDrawing("s09"), .keyDrawing("s10"), .keyDrawing("s11"), .keyDrawing("s12")])))
        h.render.send(.progress(shotID: "s05", step: 7, of: 20))
        h.render.send(.failed(shotID: "s06", message: "model file changed while in use"))
        h.settle()
        h.press(.char("j"), .char("j"), .char("j"), .char("j"), .tab, .tab, .tab)
        try check("board-250x70", h.backend)
    }
}
