import Testing
@testable import Render

/// Where video windows sit and how drawings blend, against counts worked out by hand.
@Suite struct VideoWindowsTests {
    @Test func windowCountsCoverEveryDrawingWithFourFramesOfOverlap() {
        // Windows start every 12 frames and are 16 long: [0,16), [12,28), [24,40)…
        #expect([1, 8, 16, 17, 28, 29, 40, 41].map { VideoWindows(drawings: $0).count } == [1, 1, 1, 2, 2, 3, 3, 4])
    }

    @Test func overlapCrossFadesLinearlyAndWeightsSumToOne() {
        let plan = VideoWindows(drawings: 40)
        #expect(plan.contributions(0).map(\.window) == [0])
        #expect(plan.contributions(11).map(\.window) == [0])
        // Drawings 12…15: window 0's frames 12…15 fading out, window 1's frames 0…3 fading in by fifths.
        for (n, i) in (12...15).enumerated() {
            let parts = plan.contributions(i)
            #expect(parts.map(\.window) == [0, 1] && parts.map(\.frame) == [i, n])
            #expect(abs(parts[1].weight - Float(n + 1) / 5) < 1e-6 && abs(parts[0].weight + parts[1].weight - 1) < 1e-6)
        }
        #expect(plan.contributions(16).map(\.window) == [1] && plan.contributions(16)[0].frame == 4)
        #expect(plan.contributions(39).map(\.window) == [2] && plan.contributions(39)[0].frame == 15)
        // A clip that ends inside a window's overlap uses only the windows that exist.
        let short = VideoWindows(drawings: 16)
        #expect(short.contributions(13).map(\.window) == [0])
    }
}
