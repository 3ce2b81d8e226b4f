import Foundation
import Project
import TestSupport
import Testing
@testable import Studio

@Suite struct ViewTests {
    func state() -> StudioState {
        var p = Project(title: "Board")
        p.shots = [Shot(id: "s01", prompt: "a horse on the beach", seed: 1, duration: 2, action: "Gallop."),
                   Shot(id: "s02", prompt: "a dog in the park", seed: 2, duration: 6)]
        return StudioState(project: p)
    }

    @Test func mainViewShowsListFieldsTimelineAndStatus() {
        var s = state()
        s.status["s01"] = .ready
        let (grid, slots) = StudioView.render(s, columns: 100, rows: 30)
        #expect(grid.line(0).contains("Board") && grid.line(0).contains("2 shots · 8 s"))
        #expect(grid.text.contains("●  1 s01") && grid.text.contains("◌  2 s02"))
        #expect(grid.text.contains("Prompt    a horse on the beach") && grid.text.contains("Action    Gallop."))
        #expect(grid.line(29).contains("model sketch") && grid.line(29).contains("1 stale") && grid.line(29).contains("saved"))
        // The timeline gives each shot width in proportion to its duration (2 s : 6 s).
        let timeline = grid.line(28)
        let second = timeline.range(of: "s02")!.lowerBound
        let first = timeline.distance(from: timeline.startIndex, to: second) - 1
        #expect(abs(Double(first) / 98 - 0.25) < 0.03)
        #expect(slots.count == 1 && slots[0].content == .keyframe(shotID: "s01", progress: nil))
        // The preview keeps the 16:9 frame in half-block cells (two pixels per row).
        #expect(abs(Double(slots[0].columns) / Double(slots[0].rows * 2) - 1024.0 / 576.0) < 0.15)
    }

    @Test func editorShowsTheCursorAndHelpListsTheKeymap() {
        var s = state()
        _ = s.reduce(.beginEdit(.prompt))
        _ = s.reduce(.editHome)
        let (grid, _) = StudioView.render(s, columns: 100, rows: 30)
        let row = (0..<30).first { grid.line($0).contains("Prompt") }!
        let cursorCells = grid.cells[(row * 100)..<((row + 1) * 100)].filter { $0.scope == .cursor }
        #expect(cursorCells.count == 1 && cursorCells.first?.character == "a")
        _ = s.reduce(.cancel)
        _ = s.reduce(.openHelp)
        let keymap = Keymap.standard
        let every = keymap.helpLines.map { $0.trimmingCharacters(in: .whitespaces) } + keymap.summaryLines.map { String($0.prefix(20)) }
        // Tall enough: every binding and every mode's line at once, and no pictures over the overlay.
        let (help, slots) = StudioView.render(s, columns: 130, rows: 45)
        for line in every { #expect(help.text.contains(line), "\(line)") }
        #expect(slots.isEmpty && !help.text.contains("more line"))
        // Wide: each mode's line that fits is there whole, never broken across another.
        let (big, _) = StudioView.render(s, columns: 250, rows: 70)
        for line in keymap.summaryLines where line.count <= 96 { #expect(big.text.contains(line), "\(line)") }
        // Short and wide: two columns, every binding still there.
        let (wide, _) = StudioView.render(s, columns: 200, rows: 24)
        for line in keymap.helpLines { #expect(wide.text.contains(line.trimmingCharacters(in: .whitespaces)), "\(line)") }
        #expect(!wide.text.contains("more line"))
        // Short and narrow: what fits, how many lines more, and scrolling shows the rest.
        let (small, _) = StudioView.render(s, columns: 80, rows: 24)
        let limit = StudioView.helpScrollLimit(keymap, columns: 80, rows: 24)
        // 24 rows: the box's two borders, the title, a row above and below it leave 19 lines, one of them saying
        // how many more there are.
        #expect(limit == StudioView.helpBody(keymap, columns: 80, rows: 24).count - 18 && limit > 5)
        #expect(small.text.contains("↓ \(limit) more lines (j/↓ scrolls)") && small.text.contains("closes this help"), "\(small.text)")
        #expect(!small.text.contains("Everywhere:"))
        var seen = small.text
        for _ in 0..<(limit + 3) {
            for a in keymap.actions(for: .char("j"), in: s, now: 0, random: { 0 }, screen: (80, 24)) { _ = s.reduce(a) }
            seen += StudioView.render(s, columns: 80, rows: 24).0.text
        }
        #expect(s.helpScroll == limit && s.mode == .help)
        let bottom = StudioView.render(s, columns: 80, rows: 24).0.text
        #expect(bottom.contains("Everywhere: Ctrl-C quit · Ctrl-Z suspend") && bottom.contains("↑ k/↑ scrolls back"), "\(bottom)")
        for line in keymap.helpLines { #expect(seen.contains(String(line.prefix(40))), "\(line)") }
        // Any other key closes it; opened again it starts at the top.
        for a in keymap.actions(for: .char("x"), in: s, now: 0, random: { 0 }) { _ = s.reduce(a) }
        #expect(s.mode == .browse)
        _ = s.reduce(.openHelp)
        #expect(s.helpScroll == 0)
    }

    @Test func tooSmallSaysSo() {
        let (grid, slots) = StudioView.render(state(), columns: 40, rows: 10)
        #expect(grid.text.contains("Terminal too small: 40×10") && slots.isEmpty)
    }

    @Test func variantsGridHasOneSlotPerSeed() {
        var s = state()
        _ = s.reduce(.openVariants(count: 9, seeds: Array(10..<30)))
        let (grid, slots) = StudioView.render(s, columns: 120, rows: 40)
        #expect(slots.count == 9 && grid.text.contains("1–9 picks"))
        #expect(Set(slots.map { "\($0.row),\($0.column)" }).count == 9)
    }

    @Test func everyThemeFileLoadsWithoutWarnings() throws {
        let folder = repositoryRoot + "/Themes"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".toml") }
        #expect(files.count >= 2)
        for file in files {
            let (theme, warnings) = try Theme.load(String(contentsOfFile: folder + "/" + file, encoding: .utf8), name: file)
            #expect(warnings.isEmpty, "\(file): \(warnings)")
            for scope in Scope.allCases { _ = theme.style(scope) }
        }
    }

    @Test func themesFallBackAndReportUnknownKeys() throws {
        let (theme, warnings) = try Theme.load("""
            "ui.text" = { fg = "red" }
            "ui.selection" = { bg = "accent", sparkle = true }
            "ui.nonsense" = { fg = "blue" }

            [palette]
            accent = 33
            """, name: "t.toml")
        #expect(theme.style(.selection).background == 33)
        #expect(theme.style(.focus) == theme.style(.selection))   // ui.selection.focus falls back to ui.selection
        #expect(theme.style(.dim).foreground == 1)                // ui.text.dim falls back to ui.text
        #expect(theme.style(.ready) == Theme.standard.style(.ready) || theme.style(.ready).foreground == 1)
        #expect(warnings.count == 2 && warnings.contains { $0.contains("sparkle") } && warnings.contains { $0.contains("ui.nonsense") })
    }
}
