import Diffusion
import Foundation
import Imaging
import Testing
@testable import Sketch

/// Clips of the sketch model, checked on decoded drawings against what the prompt says moves, and on the gait's
/// kinematics against the physics of a planted foot.
@Suite struct MotionTests {
    let width = 384, height = 216

    func keyLatent(_ plan: SketchPlan, seed: UInt32) throws -> [Float] {
        let sigmas = SketchModel.sigmas(steps: 12, schedule: .karras)
        let noise = GaussianNoise(seed: UInt64(seed))
        let start = noise.values(stream: 0, count: plan.latentCount).map { $0 * sigmas[0] }
        return try Sampling.sample(.dpmpp2m, denoiser: plan.denoiser, x: start, sigmas: sigmas, noise: noise)
    }

    struct Take {
        let plan: SketchPlan
        let latent: [Float]
        let clip: SketchClip
    }

    func take(_ prompt: String, seed: UInt32 = 7, rate: Int = 12) throws -> Take {
        let plan = SketchPlan(prompt: prompt)
        let latent = try keyLatent(plan, seed: seed)
        return Take(plan: plan, latent: latent, clip: plan.clip(latent: latent, seed: seed, drawingsPerSecond: rate, width: width, height: height))
    }

    func drawing(_ t: Take, _ i: Int) -> Frame { t.plan.drawing(i, latent: t.latent, clip: t.clip, width: width, height: height) }

    /// The frame with no subjects at all: whatever differs from it in a drawing is the subject (and its shadow).
    func background(_ t: Take) -> Frame {
        var layout = t.plan.layout(latent: t.latent, width: width, height: height)
        layout.subjects = []
        return SketchDecoder.draw(layout, width: width, height: height)
    }

    /// Centroid (x, y) and area of the pixels that differ from the background.
    func subjectMask(_ frame: Frame, background: Frame) -> (x: Double, y: Double, area: Int) {
        var sx = 0.0, sy = 0.0, n = 0
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let i = (y * frame.width + x) * 4
                let d = (0..<3).reduce(0) { $0 + abs(Int(frame.pixels[i + $1]) - Int(background.pixels[i + $1])) }
                if d > 24 {
                    sx += Double(x)
                    sy += Double(y)
                    n += 1
                }
            }
        }
        return n == 0 ? (-1, -1, 0) : (sx / Double(n), sy / Double(n), n)
    }

    @Test(arguments: [
        ("wide shot of a brown horse galloping from left to right on the beach at sunset", 1.0),
        ("full shot of a man walking from right to left", -1.0),
        ("wide shot of a red car driving from left to right on a road", 1.0),
        ("extreme wide shot of a bird flying from right to left over the sea", -1.0),
    ])
    func subjectTravelsTheWayThePromptSays(prompt: String, sign: Double) throws {
        let t = try take(prompt)
        let bg = background(t)
        let first = subjectMask(drawing(t, 0), background: bg)
        let later = subjectMask(drawing(t, 6), background: bg)
        #expect(first.area > 50 && later.area > 50, "subject not visible: \(first) \(later)")
        #expect((later.x - first.x) * sign > 4, "centroid moved \(later.x - first.x) px; expected sign \(sign)")
    }

    @Test(arguments: [("a dog running towards the camera in a park", 1), ("a car driving away from the camera on a road", -1)])
    func subjectInDepthGrowsOrShrinks(prompt: String, sign: Int) throws {
        let t = try take(prompt)
        let bg = background(t)
        let first = subjectMask(drawing(t, 0), background: bg).area
        let later = subjectMask(drawing(t, 8), background: bg).area
        #expect((later - first) * sign > first / 5, "area \(first) → \(later)")
    }

    @Test(arguments: ["full shot of a man walking from right to left", "a woman waving", "a child jumping in a park",
                      "a horse galloping", "a person turning to look", "a bird flying"])
    func movingSubjectsChangeEveryFewDrawings(prompt: String) throws {
        let t = try take(prompt)
        #expect(!t.clip.isStill)
        let frames = (0..<18).map { drawing(t, $0) }
        let changes = zip(frames, frames.dropFirst()).filter { $0.0.pixels != $0.1.pixels }.count
        if prompt.contains("turning") {
            // A turn reads in stages (the head leads, then the body) and is then held.
            #expect(changes >= 2, "\(changes) of 17 consecutive pairs differ")
            #expect(frames[17].pixels != frames[0].pixels && frames[17].pixels == frames[16].pixels)
        } else {
            // Everything else changes at every drawing while it is in frame (a galloping horse leaves a wide shot
            // within a second).
            let early = zip(frames.prefix(9), frames.prefix(9).dropFirst()).filter { $0.0.pixels != $0.1.pixels }.count
            #expect(early == 8, "\(early) of the first 8 consecutive pairs differ")
        }
    }

    @Test(arguments: ["a man standing in a park", "a red sofa in a living room", "a woman sitting on a sofa"])
    func stillSubjectsHoldStill(prompt: String) throws {
        let t = try take(prompt)
        #expect(t.clip.isStill)
        let first = drawing(t, 0)
        for i in [1, 5, 11] { #expect(drawing(t, i).pixels == first.pixels) }
    }

    @Test func backgroundStaysPutWhileTheSubjectMoves() throws {
        let t = try take("full shot of a man walking from left to right in a city street")
        let bg = background(t)
        // Every pixel that changes between two drawings belongs to the subject in one of them.
        let a = drawing(t, 0), b = drawing(t, 5)
        var stray = 0
        for p in stride(from: 0, to: a.pixels.count, by: 4) {
            let changed = (0..<3).contains { a.pixels[p + $0] != b.pixels[p + $0] }
            let subject = (0..<3).contains { a.pixels[p + $0] != bg.pixels[p + $0] || b.pixels[p + $0] != bg.pixels[p + $0] }
            if changed && !subject { stray += 1 }
        }
        #expect(stray == 0, "\(stray) background pixels changed")
    }

    @Test(arguments: ["a woman waving", "a child jumping in a park"])
    func cyclesRepeatExactlyAfterOneCycle(prompt: String) throws {
        let t = try take(prompt)
        let frames = (0..<40).map { drawing(t, $0) }
        guard let period = (2..<30).first(where: { frames[$0].pixels == frames[0].pixels }) else {
            Issue.record("no drawing repeats the first within 30")
            return
        }
        for k in 0..<10 { #expect(frames[k + period].pixels == frames[k].pixels, "drawing \(k + period) vs \(k)") }
        // A wave is 0.5–0.7 s a cycle, a standing jump 1–1.3 s, at 12 drawings a second.
        let seconds = Double(period) / 12
        #expect(prompt.contains("waving") ? (0.45...0.75).contains(seconds) : (0.95...1.35).contains(seconds), "\(seconds) s")
    }

    @Test func sameSeedSameClipDifferentSeedAnotherTake() throws {
        let prompt = "wide shot of a horse galloping from left to right on the beach"
        let a = try take(prompt, seed: 3), b = try take(prompt, seed: 3)
        #expect(a.clip == b.clip)
        #expect(drawing(a, 9).pixels == drawing(b, 9).pixels)
        var takes = Set<[Float]>()
        for seed: UInt32 in 0..<8 { takes.insert(try take(prompt, seed: seed).clip.values) }
        #expect(takes.count >= 6, "only \(takes.count) takes from 8 seeds")
    }

    @Test func clipRoundTripsThroughItsCachedForm() throws {
        let t = try take("a dog running towards the camera in a park")
        let back = SketchClip(values: t.clip.values, subjectCount: t.plan.resolved.subjects.count)
        #expect(back == t.clip)
        #expect(SketchClip(values: Array(t.clip.values.dropLast()), subjectCount: t.plan.resolved.subjects.count) == nil)
        #expect(SketchClip(values: t.clip.values, subjectCount: 3) == nil)
    }

    /// World position of each planted foot over drawings: a foot on the ground must not move.
    @Test(arguments: [("full shot of a man walking from left to right", SubjectKind.man),
                      ("a man running from right to left", .man),
                      ("wide shot of a horse galloping from left to right", .horse),
                      ("a dog walking in a park", .dog)])
    func plantedFeetDoNotSlide(prompt: String, kind: SubjectKind) throws {
        let t = try take(prompt, rate: 24)
        let key = t.plan.layout(latent: t.latent, width: width, height: height)
        guard let j = key.subjects.firstIndex(where: { $0.kind == kind }) else {
            Issue.record("no \(kind)")
            return
        }
        let track = t.clip.tracks[j]
        let s0 = key.subjects[j]
        let action = s0.action ?? .standing
        let height = kind.size.height * s0.scale
        let human = kind.category == .human
        let leg = human ? Gait.humanLeg(height: height) : AnimalPainter.legLength(s0)
        guard let gait = human ? Gait.human(action, height: height) : Gait.quadruped(kind, action, leg: leg) else {
            Issue.record("no gait for \(action)")
            return
        }
        let flip: Double = s0.facing < 0 ? -1 : 1
        var plantedRuns = 0
        for foot in gait.touchdown.indices {
            var previous: (Double, Bool)? = nil
            for i in 0..<48 {
                let s = track.apply(to: s0, drawing: i, drawingsPerSecond: 24)
                let f = gait.foot(phase: s.phase, touchdown: gait.touchdown[foot], leg: leg)
                let world = s.x + flip * f.x
                if let (x, planted) = previous, planted, f.planted {
                    // Along a path that bends a little, x moves by at most a hair of the stride.
                    #expect(abs(world - x) < 0.002 * gait.stride, "foot \(foot) slid \(world - x) m at drawing \(i)")
                    plantedRuns += 1
                }
                previous = (world, f.planted)
            }
        }
        #expect(plantedRuns > 10)
        #expect(track.speed > 0)
        // Speed is locked to the stride: one stride per cycle.
        #expect(abs(track.speed - gait.stride / (track.cycleDrawings / 24)) < 1e-3 * track.speed)
    }

    @Test func limbSolverReachesItsTarget() {
        for (x, y) in [(0.2, 0.1), (-0.3, 0.0), (0.05, 0.3)] {
            let solved = LimbSolver.joint(top: (0, 0.9), end: (x, y), upper: 0.45, lower: 0.5, bend: 1)
            #expect(abs(solved.end.0 - x) < 1e-12 && abs(solved.end.1 - y) < 1e-12)
            let upper = hypot(solved.joint.0, solved.joint.1 - 0.9), lower = hypot(x - solved.joint.0, y - solved.joint.1)
            #expect(abs(upper - 0.45) < 1e-9 && abs(lower - 0.5) < 1e-9)
            #expect(solved.joint.0 > x * 0.5 - 1e-9 || solved.joint.0 > 0, "knee bends forward")
        }
    }

    @Test func jumpTimingHasAnticipationFlightAndSettle() {
        #expect(JumpTiming(phase: 0.2, height: 0.3).crouch > 0.9)
        #expect(JumpTiming(phase: 0.2, height: 0.3).lift == 0)
        #expect(abs(JumpTiming(phase: 0.5, height: 0.3).lift - 0.3) < 1e-12)
        #expect(JumpTiming(phase: 0.99, height: 0.3).crouch < 0.01)
    }
}
