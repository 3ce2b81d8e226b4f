import Foundation

/// How a legged subject's feet move through one cycle of its action: stride, cadence range, duty factor and the
/// phase at which each foot touches down, in the timings animators use (a walk is two steps a second; a run cycle is
/// 12–16 frames at 24 fps; a horse's walk, trot and gallop have their own footfall orders).
///
/// Travel speed is always `stride / cycle`, so a foot on the ground keeps its place in the world.
struct Gait: Sendable, Equatable {
    /// Metres the body travels in one cycle.
    var stride: Double
    /// Cycle durations in seconds that a take may draw.
    var cycleSeconds: ClosedRange<Double>
    /// Fraction of the cycle each foot is on the ground.
    var duty: Double
    /// Phase at which each foot touches down: people [near, far]; four-legged [near fore, near hind, far fore, far hind].
    var touchdown: [Double]
    /// Peak foot lift during swing, as a fraction of leg length.
    var lift: Double
    /// Height of the leg tops when no stance leg holds them lower, as a fraction of leg length.
    var standHeight: Double

    /// Fraction of the stride a foot sweeps backwards while it is on the ground.
    var stanceTravel: Double { stride * duty }

    /// Leg length (hip to sole, straight) of a person `height` metres tall, as `FigurePainter` proportions it.
    static func humanLeg(height: Double) -> Double { (0.245 + 0.27) * height }

    /// The gait of a person doing `action`, or nil when the action is not locomotion.
    static func human(_ action: SubjectAction, height H: Double) -> Gait? {
        let leg = humanLeg(height: H)
        switch action {
        case .walking:
            return Gait(stride: 0.75 * H, cycleSeconds: 0.92...1.08, duty: 0.6, touchdown: [0, 0.5], lift: 0.12, standHeight: 0.97)
        case .trotting:
            return Gait(stride: 1.1 * H, cycleSeconds: 0.62...0.75, duty: 0.42, touchdown: [0, 0.5], lift: 0.25, standHeight: 0.95)
        case .running:
            return Gait(stride: 1.4 * H, cycleSeconds: 0.5...0.67, duty: 0.35, touchdown: [0, 0.5], lift: 0.4, standHeight: 0.94)
        default:
            return nil
        }
    }

    /// The gait of a four-legged animal with legs `leg` metres long, or nil when the action is not locomotion.
    static func quadruped(_ kind: SubjectKind, _ action: SubjectAction, leg: Double) -> Gait? {
        let large = kind == .horse
        switch action {
        case .walking:
            // Lateral-sequence walk: near hind, near fore, far hind, far fore, a quarter apart.
            return Gait(stride: 1.1 * leg, cycleSeconds: large ? 1.0...1.2 : 0.6...0.8, duty: 0.65,
                        touchdown: [0.25, 0, 0.75, 0.5], lift: 0.12, standHeight: 0.96)
        case .trotting:
            // Diagonal pairs together: near fore with far hind, far fore with near hind.
            return Gait(stride: 2.0 * leg, cycleSeconds: large ? 0.65...0.8 : 0.45...0.55, duty: 0.45,
                        touchdown: [0, 0.5, 0.5, 0], lift: 0.2, standHeight: 0.9)
        case .galloping, .running:
            // Transverse gallop: hinds a tenth apart, then the fores, then a moment of suspension.
            return Gait(stride: 3.0 * leg, cycleSeconds: large ? 0.4...0.5 : 0.3...0.4, duty: 0.3,
                        touchdown: [0.5, 0.1, 0.4, 0], lift: 0.3, standHeight: 0.9)
        default:
            return nil
        }
    }

    /// Where a foot is relative to its leg's top (x forward, y up from the ground) at cycle phase `phase`, for the
    /// foot that touches down at `touchdown`. On the ground it moves back at exactly the body's speed.
    func foot(phase: Double, touchdown: Double, leg: Double) -> (x: Double, y: Double, planted: Bool) {
        let u = Gait.fraction(phase - touchdown)
        let half = stanceTravel / 2
        if u < duty {
            return (half - stride * u, 0, true)
        }
        let s = (u - duty) / (1 - duty)
        let eased = s * s * (3 - 2 * s)
        return (-half + stanceTravel * eased, lift * leg * sin(.pi * s), false)
    }

    /// Height of the leg tops: the stance legs hold them up, the way a walker's hips ride over the planted foot.
    func topHeight(phase: Double, leg: Double) -> Double {
        var height = standHeight * leg
        for t in touchdown {
            let f = foot(phase: phase, touchdown: t, leg: leg)
            guard f.planted else { continue }
            height = min(height, sqrt(max(0, (0.985 * leg) * (0.985 * leg) - f.x * f.x)))
        }
        return height
    }

    /// `v` wrapped into 0..<1.
    static func fraction(_ v: Double) -> Double {
        let f = v - v.rounded(.down)
        return f >= 1 ? 0 : f
    }
}

/// Two-bone inverse kinematics: where the middle joint of a limb goes so its end reaches a target.
enum LimbSolver {
    /// The knee (or hock) for a limb from `top` to `end` with bones `upper` and `lower`; `bend` +1 puts the joint
    /// ahead of the line from top to end (a person's knee), -1 behind it (a horse's hock). An end out of reach is
    /// pulled in along the line.
    static func joint(top: (Double, Double), end: (Double, Double), upper: Double, lower: Double, bend: Double)
        -> (joint: (Double, Double), end: (Double, Double)) {
        var dx = end.0 - top.0, dy = end.1 - top.1
        var d = (dx * dx + dy * dy).squareRoot()
        let reach = (upper + lower) * 0.9999
        if d > reach {
            dx *= reach / d
            dy *= reach / d
            d = reach
        }
        let minimum = abs(upper - lower) + 1e-6
        if d < minimum { d = minimum }
        // Angle of the top→end line measured from straight down, positive forward.
        let line = atan2(dx, -dy)
        let cosA = max(-1, min(1, (upper * upper + d * d - lower * lower) / (2 * upper * d)))
        let a = line + bend * acos(cosA)
        let joint = (top.0 + sin(a) * upper, top.1 - cos(a) * upper)
        return (joint, (top.0 + dx, top.1 + dy))
    }
}
