import Project
import Testing
@testable import Studio

/// Quitting and termination come before the mode: Ctrl-C, SIGTERM, SIGHUP and a lost terminal end the studio from
/// anywhere, saved.
extension ReducerTests {
    /// The studio in each of its modes, each with a change not yet written, so quitting must save.
    func everyMode() -> [(name: String, state: StudioState)] {
        var base = state()
        _ = base.reduce(.newSeed(7))
        func after(_ actions: [StudioAction]) -> StudioState {
            var s = base
            for a in actions { _ = s.reduce(a) }
            return s
        }
        return [
            ("browse", base),
            ("editing", after([.beginEdit(.prompt), .editInsert(" at dusk")])),
            ("command line", after([.openCommand, .editInsert("se")])),
            ("help", after([.openHelp])),
            ("variants grid", after([.openVariants(count: 4, seeds: [5, 6, 7])])),
            ("variants A/B", after([.openVariants(count: 4, seeds: [5, 6, 7]), .moveSelection(1), .compare])),
            ("playing", after([.togglePlay(now: 0), .tick(now: 1)])),
            ("recovery prompt", after([.offerRecovery(RecoveredEdit(shotID: "b", field: .notes, text: "later"))])),
            ("exporting", after([.openCommand, .editInsert("export pdf b.pdf"), .commit])),
        ]
    }

    @Test func quitSavesAndQuitsFromEveryMode() {
        for (name, var s) in everyMode() {
            let effects = s.reduce(.quit)
            #expect(s.shouldQuit && s.mode == .browse, "\(name)")
            #expect(effects.last == .quit && effects.contains(.save), "\(name): \(effects)")
            // The user quitting drops an unfinished edit; a recovery not yet answered stays for next time.
            #expect(effects.contains(.dropRecovery) == (name == "editing"), "\(name): \(effects)")
            #expect(effects.contains(.cancelExport) == (name == "exporting"), "\(name): \(effects)")
            #expect(s.project.shots[0].prompt == "a horse" && s.project.shots[0].seed == 7, "\(name)")
        }
    }

    @Test func terminateSavesAndQuitsFromEveryModeKeepingTheEdit() {
        for (name, var s) in everyMode() {
            let effects = s.reduce(.terminate)
            #expect(s.shouldQuit && s.mode == .browse, "\(name)")
            #expect(effects.last == .quit && effects.contains(.save), "\(name): \(effects)")
            #expect(!effects.contains(.dropRecovery), "\(name): \(effects)")
            if name == "editing" {
                #expect(effects.first == .keepRecovery(RecoveredEdit(shotID: "a", field: .prompt, text: "a horse at dusk")), "\(effects)")
            } else {
                #expect(!effects.contains { if case .keepRecovery = $0 { return true } else { return false } }, "\(name): \(effects)")
            }
            // The unfinished text is not committed into the project.
            #expect(s.project.shots[0].prompt == "a horse", "\(name)")
        }
    }

    @Test func quittingASavedProjectWritesNothing() {
        var s = state()
        #expect(s.reduce(.terminate) == [.quit])
        var editing = state()
        _ = editing.reduce(.beginEdit(.notes))
        // An editor opened but not typed in has nothing to keep.
        #expect(editing.reduce(.terminate) == [.dropRecovery, .quit])
    }

    @Test func resultsOfBackgroundWorkArriveInEveryMode() {
        for (name, var s) in everyMode() {
            let mode = s.mode
            _ = s.reduce(.renderProgress(id: "c", step: 3, of: 20))
            #expect(s.status["c"] == .rendering(step: 3, of: 20), "\(name)")
            _ = s.reduce(.renderFinished(id: "c", cached: true))
            #expect(s.status["c"] == .ready && s.cacheHits == 1 && s.mode == mode, "\(name)")
        }
        // A problem shown while editing stays until the user acts, whatever renders report meanwhile.
        var s = state()
        _ = s.reduce(.beginEdit(.duration))
        _ = s.reduce(.editInsert("x"))
        _ = s.reduce(.commit)
        _ = s.reduce(.renderProgress(id: "b", step: 1, of: 20))
        #expect(s.message?.contains("duration") == true)
    }
}
