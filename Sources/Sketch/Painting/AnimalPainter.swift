import Drawing
import Foundation

/// Horses, dogs, cats and birds in profile, legs posed by gait.
enum AnimalPainter {
    static func paint(_ s: LaidOutSubject, _ v: View, local: Local, style: SubjectStyle) {
        switch s.kind {
        case .horse: quadruped(s, v, local: local, style: style, body: 2.3 / 2.3, proportions: .horse)
        case .dog: quadruped(s, v, local: local, style: style, body: 1, proportions: .dog)
        case .cat: quadruped(s, v, local: local, style: style, body: 1, proportions: .cat)
        default: bird(s, v, local: local, style: style)
        }
    }

    /// Leg length in metres of a four-legged subject (hip to hoof, straight).
    static func legLength(_ s: LaidOutSubject) -> Double {
        let p: Proportions = s.kind == .horse ? .horse : s.kind == .dog ? .dog : .cat
        return p.legTop * s.kind.size.height * s.scale
    }

    /// Body plan of a four-legged animal, in fractions of its overall height.
    struct Proportions {
        var bodyX: Double, bodyY: Double, bodyRX: Double, bodyRY: Double
        var legTop: Double, legX: Double, legWidth: Double
        var neck: [(Double, Double)], head: (Double, Double), headR: (Double, Double), headTilt: Double
        var tail: [(Double, Double)]
        var ears: Bool

        static let horse = Proportions(bodyX: 0, bodyY: 0.55, bodyRX: 0.4, bodyRY: 0.17, legTop: 0.46, legX: 0.28, legWidth: 0.07,
                                       neck: [(0.28, 0.62), (0.44, 0.86)], head: (0.52, 0.85), headR: (0.13, 0.055), headTilt: -0.9,
                                       tail: [(-0.42, 0.62), (-0.55, 0.5), (-0.52, 0.32)], ears: true)
        static let dog = Proportions(bodyX: 0, bodyY: 0.58, bodyRX: 0.55, bodyRY: 0.2, legTop: 0.5, legX: 0.38, legWidth: 0.1,
                                     neck: [(0.4, 0.66), (0.58, 0.85)], head: (0.68, 0.86), headR: (0.18, 0.12), headTilt: -0.2,
                                     tail: [(-0.52, 0.66), (-0.7, 0.85)], ears: true)
        static let cat = Proportions(bodyX: 0, bodyY: 0.5, bodyRX: 0.6, bodyRY: 0.2, legTop: 0.42, legX: 0.42, legWidth: 0.1,
                                     neck: [(0.45, 0.6), (0.62, 0.82)], head: (0.68, 0.85), headR: (0.16, 0.14), headTilt: 0,
                                     tail: [(-0.58, 0.55), (-0.85, 0.9), (-0.7, 1.0)], ears: true)
    }

    static func quadruped(_ s: LaidOutSubject, _ v: View, local: Local, style: SubjectStyle, body: Double, proportions p: Proportions) {
        let c = v.canvas
        let H = s.kind.size.height * s.scale
        let phi = 2 * Double.pi * s.phase
        let action = s.action ?? .standing
        let legLength = p.legTop * H
        let gait = Gait.quadruped(s.kind, action, leg: legLength)
        // The body rides on the planted legs (lower while they sweep, up in a gallop's suspension).
        let rise = gait.map { $0.topHeight(phase: s.phase, leg: legLength) - legLength } ?? 0
        func legs(_ far: Bool) {
            for (k, x) in [p.legX, -p.legX].enumerated() {
                let top = (x * H, p.legTop * H + rise)
                let joints: [(Double, Double)]
                if let gait {
                    // Feet on the gait's footfall paths; fore knees ahead of the leg's line, hind hocks behind it.
                    let f = gait.foot(phase: s.phase, touchdown: gait.touchdown[(far ? 2 : 0) + k], leg: legLength)
                    let solved = LimbSolver.joint(top: top, end: (top.0 + f.x, f.y), upper: legLength / 2, lower: legLength / 2,
                                                  bend: k == 0 ? 1 : -1)
                    joints = [top, solved.joint, solved.end]
                } else {
                    let offset = Double(k) * 0.5 + (far ? 0.25 : 0)
                    let swing = 0.05 * sin(phi + offset * 2 * .pi)
                    let knee = (top.0 + sin(swing) * legLength * 0.5, top.1 - cos(swing) * legLength * 0.5)
                    joints = [top, knee, (knee.0 + sin(swing) * legLength * 0.5, max(0, knee.1 - cos(swing) * legLength * 0.5))]
                }
                local.limb(c, joints, width: p.legWidth * H, fill: far ? style.shade : style.base, ink: style.ink, outline: style.outline)
            }
        }
        legs(true)
        // Tail.
        local.limb(c, p.tail.map { ($0.0 * H, $0.1 * H + rise) }, width: 0.035 * H, fill: style.shade, ink: style.ink, outline: style.outline)
        // Body and neck.
        local.ellipse(c, p.bodyX * H, p.bodyY * H + rise, p.bodyRX * H, p.bodyRY * H)
        c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
        local.limb(c, p.neck.map { ($0.0 * H, $0.1 * H + rise) }, width: 0.12 * H, fill: style.base, ink: style.ink, outline: style.outline)
        // Head: a tilted ellipse.
        let (hx, hy) = (p.head.0 * H, p.head.1 * H + rise)
        let headPoints = stride(from: 0.0, to: 2 * .pi, by: .pi / 10).map { t -> (Double, Double) in
            let ex = cos(t) * p.headR.0 * H, ey = sin(t) * p.headR.1 * H
            let a = p.headTilt
            return (hx + ex * cos(a) - ey * sin(a), hy + ex * sin(a) + ey * cos(a))
        }
        local.polygon(c, headPoints)
        c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
        if p.ears {
            local.polygon(c, [(hx - 0.02 * H, hy + 0.06 * H), (hx - 0.05 * H, hy + 0.13 * H), (hx + 0.01 * H, hy + 0.08 * H)])
            c.fillAndOutline(style.shade, ink: style.ink, width: style.outline)
        }
        // Eye, and a mane for horses.
        local.circle(c, hx + 0.02 * H, hy + 0.025 * H, 0.012 * H)
        c.fill(style.ink)
        if s.kind == .horse {
            local.limb(c, [(0.27 * H, 0.7 * H + rise), (0.38 * H, 0.86 * H + rise), (0.44 * H, 0.92 * H + rise)], width: 0.03 * H,
                       fill: style.shade.shaded(0.3), ink: style.ink, outline: 0)
        }
        legs(false)
        // A rim of light on the side the light comes from.
        local.ellipse(c, p.bodyX * H + (v.layout.lightFromLeft == (local.flip > 0) ? -0.15 : 0.15) * H, (p.bodyY + 0.07) * H + rise, p.bodyRX * H * 0.5, p.bodyRY * H * 0.3)
        c.fill(style.light, 0.5)
        if action == .galloping || action == .running {
            // Motion lines behind.
            for k in 0..<3 {
                let y = (0.4 + 0.12 * Double(k)) * H
                c.move(local.x(-0.6 * H), local.y(y))
                c.line(local.x(-0.9 * H), local.y(y))
                c.stroke(style.ink, width: style.outline, alpha: 0.5)
            }
        }
    }

    static func bird(_ s: LaidOutSubject, _ v: View, local: Local, style: SubjectStyle) {
        let c = v.canvas
        let H = s.kind.size.height * s.scale
        let flying = s.action == .flying
        // A wingbeat by phase: the wings sweep from high over the back to low under the body.
        let beat = sin(2 * .pi * s.phase)
        if flying {
            let tipY = (0.6 + 1.1 * beat) * H
            local.polygon(c, [(-0.05 * H, 0.62 * H), (0.2 * H, 0.6 * H), (-0.35 * H, tipY + 0.1 * H), (-0.55 * H, tipY)])
            c.fillAndOutline(style.shade.shaded(0.2), ink: style.ink, width: style.outline)
        } else {
            local.limb(c, [(0, 0), (0.02 * H, 0.25 * H)], width: 0.04 * H, fill: style.ink, ink: style.ink, outline: 0)
        }
        local.ellipse(c, 0, 0.5 * H, 0.45 * H, 0.25 * H)
        c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
        local.circle(c, 0.4 * H, 0.75 * H, 0.16 * H)
        c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
        local.polygon(c, [(0.54 * H, 0.78 * H), (0.75 * H, 0.72 * H), (0.54 * H, 0.7 * H)])
        c.fill(RGB(hex: 0xE0A040))
        if flying {
            let tipY = (0.55 + 1.2 * beat) * H
            local.polygon(c, [(-0.1 * H, 0.58 * H), (0.22 * H, 0.56 * H), (-0.3 * H, tipY + 0.12 * H), (-0.6 * H, tipY)])
        } else {
            local.polygon(c, [(-0.2 * H, 0.6 * H), (0.2 * H, 0.55 * H), (-0.5 * H, 0.35 * H)])
        }
        c.fillAndOutline(style.shade, ink: style.ink, width: style.outline)
    }
}
