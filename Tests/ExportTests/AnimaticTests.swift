import Imaging
import Project
import Testing
@testable import Export

@Suite struct AnimaticTests {
    @Test func everyShotLastsItsDurationToTheFrame() {
        let durations = [1.0 / 3, 2.5, 0.7, 1.25, 4.0 / 3, 3]
        let shots = durations.enumerated().map { Shot(id: "s\($0.offset)", prompt: "p", seed: 0, duration: $0.element) }
        for fps in [24.0, 25, 30, 23.976, 12] {
            let timeline = AnimaticTimeline(shots: shots, fps: fps)
            // No gaps, no overlaps, and the cut ends where the total running time says.
            for (a, b) in zip(timeline.spans, timeline.spans.dropFirst()) { #expect(a.firstFrame + a.frameCount == b.firstFrame) }
            #expect(timeline.frameCount == Int((durations.reduce(0, +) * fps).rounded()))
            // Each shot is within one frame of its exact length, and rounding never accumulates.
            for span in timeline.spans {
                #expect(abs(Double(span.frameCount) - durations[span.shotIndex] * fps) <= 1)
            }
            #expect(timeline.span(at: 0).shotIndex == 0)
            #expect(timeline.span(at: timeline.frameCount - 1).shotIndex == shots.count - 1)
        }
    }

    func keyframe(width: Int, height: Int, seed: Int) -> Frame {
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 4
                pixels[i] = UInt8((x * 7 + seed) % 256)
                pixels[i + 1] = UInt8((y * 13 + seed) % 256)
                pixels[i + 2] = UInt8((x * y + seed) % 256)
            }
        }
        return Frame(width: width, height: height, pixels: pixels)
    }

    @Test func aStaticShotShowsItsKeyframeExactly() {
        let key = keyframe(width: 64, height: 36, seed: 3)
        let renderer = AnimaticRenderer(shots: [Shot(id: "a", prompt: "p", seed: 0, duration: 1)], keyframes: [key], fps: 4, width: 64, height: 36, burnIn: false)
        var out = [UInt8](repeating: 0, count: 64 * 36 * 3)
        renderer.render(frame: 2, into: &out)
        for i in 0..<(64 * 36) {
            #expect(out[i * 3] == key.pixels[i * 4] && out[i * 3 + 1] == key.pixels[i * 4 + 1] && out[i * 3 + 2] == key.pixels[i * 4 + 2])
        }
    }

    @Test func aDissolveBlendsFromThePreviousShot() {
        let black = Frame(width: 16, height: 16, fill: (0, 0, 0, 255)), white = Frame(width: 16, height: 16, fill: (255, 255, 255, 255))
        var second = Shot(id: "b", prompt: "p", seed: 0, duration: 2)
        second.transition = .dissolve
        let renderer = AnimaticRenderer(shots: [Shot(id: "a", prompt: "p", seed: 0, duration: 2), second], keyframes: [black, white],
                                        fps: 10, width: 16, height: 16, burnIn: false)
        var out = [UInt8](repeating: 0, count: 16 * 16 * 3)
        var levels: [Int] = []
        for frame in 20..<27 {
            renderer.render(frame: frame, into: &out)
            levels.append(Int(out[0]))
        }
        // Rising from near black through grey to white over half a second (5 frames), then white.
        #expect(levels[0] < 60 && levels[2] > 100 && levels[2] < 160 && levels[4] > 200 && levels[5] == 255 && levels[6] == 255)
        #expect(levels == levels.sorted())
    }
}
