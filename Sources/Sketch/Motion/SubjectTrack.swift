import Foundation

/// How one subject moves during a clip: a deterministic track per layout parameter, z(t) = z0 + Δ(t), fixed by the
/// action, the direction and the shot's seed. Drawing `i` of a clip is the key layout moved along every track to
/// `t = i / drawingsPerSecond`; drawing 0 is the key drawing itself.
struct SubjectTrack: Sendable, Equatable {
    /// Travel speed in metres per second (0 for in-place actions).
    var speed: Double = 0
    /// Starting heading in the ground plane: 0 is screen right, π/2 away from the camera.
    var heading: Double = 0
    /// Turn rate of the heading in radians per second: a path that curves a little, drawn from the seed.
    var bend: Double = 0
    /// Drawings per action cycle (gait, wingbeat, wave, jump, wheel turn); 0 when nothing cycles.
    var cycleDrawings: Double = 0
    /// Vertical bob in metres (a bird's flight path) and its period in drawings.
    var bob: Double = 0
    var bobDrawings: Double = 0
    /// A turn of the body from the key drawing's facing to `turnTo`, eased over `turnSeconds` from `turnStart`.
    var turnStart: Double = 0
    var turnSeconds: Double = 0
    var turnTo: Double = 0
    /// The drawing at which an approaching subject stops, near the camera (0: it never stops); its cycle stops too.
    var stopAt: Double = 0

    /// Whether nothing about the subject changes over the clip.
    var isStill: Bool { speed == 0 && cycleDrawings == 0 && turnSeconds == 0 && bob == 0 }

    /// Floats per track in a clip's cached form.
    static let valueCount = 10

    var values: [Double] {
        [speed, heading, bend, cycleDrawings, bob, bobDrawings, turnStart, turnSeconds, turnTo, stopAt]
    }

    init() {}

    init(values v: ArraySlice<Double>) {
        let a = Array(v)
        (speed, heading, bend, cycleDrawings, bob, bobDrawings) = (a[0], a[1], a[2], a[3], a[4], a[5])
        (turnStart, turnSeconds, turnTo, stopAt) = (a[6], a[7], a[8], a[9])
    }

    /// `subject` as drawing `index` of a clip at `drawingsPerSecond` shows it.
    func apply(to subject: LaidOutSubject, drawing index: Int, drawingsPerSecond: Int) -> LaidOutSubject {
        guard !isStill, index > 0 else { return subject }
        var s = subject
        let rate = Double(drawingsPerSecond)
        let moving = stopAt > 0 ? min(Double(index), stopAt) : Double(index)
        if speed > 0 {
            let (dx, dz) = displacement(seconds: moving / rate)
            s.x += dx
            s.z += dz
        }
        if cycleDrawings > 0 {
            // Whole-drawing cycles repeat exactly: the phase is taken from the drawing count modulo the cycle.
            let wrapped = cycleDrawings == cycleDrawings.rounded()
                ? Double(Int(moving) % Int(cycleDrawings)) : moving.truncatingRemainder(dividingBy: cycleDrawings)
            s.phase = Gait.fraction(subject.phase + wrapped / cycleDrawings)
        }
        if bob > 0, bobDrawings > 0 {
            s.elevation += bob * sin(2 * .pi * Double(index % Int(bobDrawings)) / bobDrawings)
        }
        if turnSeconds > 0 {
            let t = (Double(index) / rate - turnStart) / turnSeconds
            let e = t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t)
            s.facing = subject.facing + (turnTo - subject.facing) * e
        }
        return s
    }

    /// How far the subject has gone after `seconds`, along a heading that turns at `bend`.
    func displacement(seconds t: Double) -> (dx: Double, dz: Double) {
        let d = speed * t
        if abs(bend) < 1e-9 { return (d * cos(heading), d * sin(heading)) }
        let r = speed / bend
        let a = bend * t
        return (r * (sin(heading + a) - sin(heading)), r * (cos(heading) - cos(heading + a)))
    }
}
