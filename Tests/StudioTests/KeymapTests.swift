import Foundation
import Project
import TestSupport
import Testing
@testable import Studio

/// Keymaps are data: the file in the repository is the compiled-in table, a user's file changes only what it names,
/// and what it gets wrong is reported with file and line.
@Suite struct KeymapTests {
    func state() -> StudioState {
        var p = Project(title: "Keys")
        p.shots = [Shot(id: "a", prompt: "a horse", seed: 1), Shot(id: "b", prompt: "a dog", seed: 2)]
        return StudioState(project: p)
    }

    func actions(_ keymap: Keymap, _ key: Key, _ state: StudioState) -> [StudioAction] {
        keymap.actions(for: key, in: state, now: 5, random: { 1234 })
    }

    @Test func keymapsDefaultFileIsTheCompiledInKeymap() throws {
        let text = try String(contentsOfFile: repositoryRoot + "/Keymaps/default.toml", encoding: .utf8)
        // Read alone, with nothing to fall back to: a binding missing from the file would be missing here.
        let (alone, warnings) = try Keymap.load(text, name: "default.toml", over: Keymap(tables: [:]))
        #expect(warnings.isEmpty, "\(warnings)")
        for mode in Keymap.Mode.allCases {
            #expect(alone.tables[mode] == Keymap.standard.tables[mode], "[\(mode.rawValue)] differs from the compiled-in table")
        }
        #expect(alone == Keymap.standard)
    }

    @Test func themesDefaultFileIsTheCompiledInTheme() throws {
        let text = try String(contentsOfFile: repositoryRoot + "/Themes/default.toml", encoding: .utf8)
        let (theme, warnings) = try Theme.load(text, name: "default.toml")
        #expect(warnings.isEmpty, "\(warnings)")
        // Every scope written out, each as the compiled-in theme has it (no fallback standing in for a missing one).
        #expect(Set(theme.styles.keys) == Set(Scope.allCases))
        for scope in Scope.allCases { #expect(theme.styles[scope] == Theme.standard.styles[scope], "\(scope.rawValue)") }
    }

    @Test func aFileChangesOnlyWhatItNamesAndTheRestFallsBack() throws {
        let (keymap, warnings) = try Keymap.load("""
            [browse]
            n = "next_shot"
            j = "no_op"
            x = "undo"

            [variants]
            space = "pick_1"
            """, name: "mine.toml")
        #expect(warnings.isEmpty, "\(warnings)")
        var s = state()
        #expect(actions(keymap, .char("n"), s) == [.moveSelection(1)])
        #expect(actions(keymap, .char("j"), s).isEmpty)
        #expect(actions(keymap, .down, s) == [.moveSelection(1)])
        // x is undo now, so nothing deletes a shot by x; the other keys keep their defaults.
        #expect(actions(keymap, .char("x"), s) == [.undo])
        #expect(actions(keymap, .char("a"), s) == [.addShot(seed: 1234)])
        #expect(actions(keymap, .ctrl("r"), s) == [.redo])
        // Help follows: n is listed for the next shot (after ↓, the binding it kept), j no longer.
        #expect(keymap.helpLines.first == "↓ / n       next shot")
        #expect(keymap.helpLines.contains { $0.hasPrefix("x ") && $0.hasSuffix("undo") })
        _ = s.reduce(.openVariants(count: 4, seeds: [7, 8, 9]))
        #expect(actions(keymap, .space, s) == [.pickVariant(0)])
        #expect(actions(keymap, .char("2"), s) == [.pickVariant(1)])
    }

    @Test func unknownModesKeysAndCommandsAreReportedWithFileAndLine() throws {
        let (keymap, warnings) = try Keymap.load("""
            [browse]
            j = "next_shot"
            ctrl-space-x = "undo"
            k = "jump_to_moon"
            v = "pick_1"
            w = 3

            [browze]
            q = "quit"
            """, name: "typos.toml")
        #expect(warnings.count == 5, "\(warnings)")
        #expect(warnings[0].hasPrefix("typos.toml:3:1: unknown key 'ctrl-space-x'"))
        #expect(warnings[1].hasPrefix("typos.toml:4:5: unknown command 'jump_to_moon' for 'k' in [browse]"))
        #expect(warnings[2].hasPrefix("typos.toml:5:5: 'pick_1' is not a command in [browse]"))
        #expect(warnings[3].hasPrefix("typos.toml:6:1: the command for 'w' should be a string"))
        #expect(warnings[4].hasPrefix("typos.toml:8:2: unknown mode 'browze'"))
        // What was wrong is left as the default.
        #expect(keymap == Keymap.standard)
    }

    @Test func aBrokenFileIsAnError() {
        #expect(throws: (any Error).self) { try Keymap.load("[browse]\nj = \"next_shot\"\nj = \"undo\"\n", name: "dup.toml") }
    }

    @Test func everyModeMapsItsKeysAsTheStudioAlwaysHas() {
        var s = state()
        let k = Keymap.standard
        // Browsing.
        #expect(actions(k, .char("S"), s) == [.openCommand, .editInsert("seed ")])
        #expect(actions(k, .char("s"), s) == [.newSeed(1234)])
        #expect(actions(k, .space, s) == [.togglePlay(now: 5)])
        #expect(actions(k, .ctrl("c"), s) == [.quit] && actions(k, .ctrl("z"), s) == [.suspend])
        #expect(actions(k, .char("z"), s).isEmpty)
        // Editing: unbound keys are typed, Shift-End is End, a paste is text whatever letters it holds.
        _ = s.reduce(.beginEdit(.prompt))
        #expect(actions(k, .char("q"), s) == [.editInsert("q")])
        #expect(actions(k, .space, s) == [.editInsert(" ")])
        #expect(actions(k, .modified(.end, KeyModifiers.shift), s) == [.editEnd])
        #expect(actions(k, .paste("x\nq"), s) == [.editInsert("x q")])
        #expect(actions(k, .ctrl("a"), s) == [.editHome] && actions(k, .ctrl("w"), s) == [.editDeleteWord])
        #expect(actions(k, .ctrl("c"), s) == [.quit] && actions(k, .ctrl("z"), s) == [.suspend])
        _ = s.reduce(.cancel)
        // The variants grid moves by rows of its width.
        _ = s.reduce(.openVariants(count: 9, seeds: Array(10..<20)))
        #expect(actions(k, .char("j"), s) == [.moveSelection(3)] && actions(k, .up, s) == [.moveSelection(-3)])
        #expect(actions(k, .char("9"), s) == [.pickVariant(8)] && actions(k, .char("v"), s) == [.cancel])
        _ = s.reduce(.cancel)
        // Help: q quits, j scrolls, any other key closes.
        _ = s.reduce(.openHelp)
        #expect(actions(k, .char("q"), s) == [.quit] && actions(k, .char("x"), s) == [.cancel])
        #expect(actions(k, .char("j"), s).count == 1)
        _ = s.reduce(.cancel)
        // Playing and the recovery question.
        _ = s.reduce(.togglePlay(now: 0))
        #expect(actions(k, .space, s) == [.togglePlay(now: 5)] && actions(k, .char("j"), s).isEmpty)
        _ = s.reduce(.cancel)
        _ = s.reduce(.offerRecovery(RecoveredEdit(shotID: "a", field: .prompt, text: "x")))
        #expect(actions(k, .enter, s) == [.commit] && actions(k, .char("q"), s).isEmpty)
    }

    @Test func keySpellingsInFilesCoverFunctionKeysAndControl() {
        #expect(Key(spec: "f5") == .function(5) && Key(spec: "F12") == .function(12) && Key(spec: "f13") == nil)
        #expect(Key(spec: "ctrl-R") == .ctrl("r") && Key(spec: "J") == .char("J") && Key(spec: "pgdn") == .pageDown)
        #expect(Key(spec: "") == nil && Key(spec: "jj") == nil)
    }
}
