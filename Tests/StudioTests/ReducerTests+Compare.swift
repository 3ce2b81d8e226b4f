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
        #expect(s.reduce(.commit) == [.save, .render(id: "a")])
        #expect(s.project.shots[0].seed == 10 && s.mode == .browse)
    }
}
