import Project
import Testing
@testable import Studio

/// A/B: a marked shot beside the selected one; in the variants grid, a seed beside the current one.
extension ReducerTests {
    @Test func bMarksAShotAndOtherShotsShowBesideIt() {
        var s = state()
        _ = s.reduce(.compare)
        #expect(s.compareWith == "a" && s.compareShot == nil)  // A alone: nothing to put beside it yet
        _ = s.reduce(.moveSelection(2))
        #expect(s.compareShot?.id == "a" && s.selectedShot?.id == "c")
        _ = s.reduce(.compare)  // b elsewhere makes that shot A
        #expect(s.compareWith == "c" && s.compareShot == nil)
        _ = s.reduce(.moveSelection(-1))
        _ = s.reduce(.moveSelection(1))
        _ = s.reduce(.compare)  // b on A ends A/B
        #expect(s.compareWith == nil && s.notice == "A/B compare off")
    }

    @Test func variantsGridComparesTheFocusedSeedAndPicksIt() {
        var s = state()
        _ = s.reduce(.openVariants(count: 4, seeds: [10, 11, 12]))
        _ = s.reduce(.moveSelection(5))
        #expect(s.mode == .variants(VariantGrid(seeds: [1, 10, 11, 12], focus: 3)))
        _ = s.reduce(.moveSelection(-2))
        _ = s.reduce(.compare)
        #expect(s.mode == .variants(VariantGrid(seeds: [1, 10, 11, 12], focus: 1, comparing: true)))
        _ = s.reduce(.moveSelection(1))  // the focus holds while the pair is shown
        _ = s.reduce(.cancel)
        #expect(s.mode == .variants(VariantGrid(seeds: [1, 10, 11, 12], focus: 1)))
        _ = s.reduce(.compare)
        // Seeds still rendering are cancelled as the grid closes; the picked one renders as the shot.
        #expect(s.reduce(.commit) == [.cancelVariants, .save, .render(id: "a")])
        #expect(s.project.shots[0].seed == 10 && s.mode == .browse)
    }

    @Test func leavingAGridWhoseSeedsAreAllDoneCancelsNothingAndReopeningOffersTheSameSeeds() {
        var s = state()
        #expect(s.reduce(.openVariants(count: 4, seeds: [10, 11, 12, 13])) == [.renderVariants(id: "a", seeds: [1, 10, 11, 12])])
        for seed: UInt32 in [1, 10, 11] { _ = s.reduce(.variantFinished(seed: seed)) }
        #expect(s.variantStatus == [1: .ready, 10: .ready, 11: .ready, 12: .stale])
        // Esc with one seed still to come: it is cancelled.
        #expect(s.reduce(.cancel) == [.cancelVariants] && s.mode == .browse)
        // Opened again (with new random seeds offered): the same seeds as before, so the cached ones cost nothing.
        #expect(s.reduce(.openVariants(count: 4, seeds: [50, 51, 52])) == [.renderVariants(id: "a", seeds: [1, 10, 11, 12])])
        for seed: UInt32 in [1, 10, 11, 12] { _ = s.reduce(.variantFinished(seed: seed)) }
        #expect(s.reduce(.cancel).isEmpty)
        // Nine seeds: the four before, then new ones.
        #expect(s.reduce(.openVariants(count: 9, seeds: [50, 51, 52, 53, 54, 55])) == [.renderVariants(id: "a", seeds: [1, 10, 11, 12, 50, 51, 52, 53, 54])])
        // Another shot has its own.
        _ = s.reduce(.cancel)
        _ = s.reduce(.moveSelection(1))
        #expect(s.reduce(.openVariants(count: 4, seeds: [60, 61, 62])) == [.renderVariants(id: "b", seeds: [2, 60, 61, 62])])
    }
}
