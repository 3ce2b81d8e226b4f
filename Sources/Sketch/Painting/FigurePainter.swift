import Drawing
import Foundation

/// People as clean storyboard mannequins: head, torso and jointed limbs, posed by action and gait phase.
enum FigurePainter {
    /// Joint positions in local metres (x forward, y up) for one pose.
    struct Skeleton {
        var head: (Double, Double)
        var neck: (Double, Double)
        var hip: (Double, Double)
        /// Near and far legs: hip, knee, foot.
        var legs: [[(Double, Double)]]
        /// Near and far arms: shoulder, elbow, hand.
        var arms: [[(Double, Double)]]
    }

    static func paint(_ s: LaidOutSubject, _ v: View, local: Local, style: SubjectStyle) {
        let H = s.kind.size.height * s.scale
        let facingCamera = abs(s.facing) < 0.33 && ![.walking, .running, .trotting, .jumping, .lying, .pointing].contains(s.action ?? .standing)
        let skin = v.tone(RGB(hex: 0xDDBFA0), distance: s.z)
        let trousers = s.kind == .woman ? skin.shaded(0.1) : style.base.shaded(0.35)
        let headR = (s.kind == .child ? 0.085 : 0.065) * H
        if facingCamera {
            front(s, v, local: local, style: style, H: H, headR: headR, skin: skin, trousers: trousers)
            return
        }
        var sk = skeleton(s.action ?? .standing, phase: s.phase, H: H, headR: headR)
        if s.action == .lying {
            // Lying: the standing figure turned so it faces up, along the ground.
            func turn(_ p: (Double, Double)) -> (Double, Double) { (p.1 - H / 2, 0.12 * H - p.0 * 0.6) }
            sk = Skeleton(head: turn(sk.head), neck: turn(sk.neck), hip: turn(sk.hip),
                          legs: sk.legs.map { $0.map(turn) }, arms: sk.arms.map { $0.map(turn) })
        }
        let c = v.canvas
        let legW = 0.075 * H, armW = 0.052 * H
        // Far side first, darker.
        local.limb(c, sk.arms[1], width: armW, fill: style.shade, ink: style.ink, outline: style.outline)
        local.limb(c, sk.legs[1], width: legW, fill: trousers.shaded(0.2), ink: style.ink, outline: style.outline)
        local.limb(c, sk.legs[0], width: legW, fill: trousers, ink: style.ink, outline: style.outline)
        // Torso: a tapered band from neck to hip.
        local.limb(c, [sk.neck, sk.hip], width: 0.15 * H, fill: style.base, ink: style.ink, outline: style.outline)
        if s.kind == .woman && s.action != .lying && s.action != .sitting {
            // A skirt hem over the thighs.
            let (hx, hy) = sk.hip
            local.polygon(c, [(hx - 0.07 * H, hy + 0.04 * H), (hx + 0.07 * H, hy + 0.04 * H), (hx + 0.13 * H, hy - 0.2 * H), (hx - 0.12 * H, hy - 0.2 * H)])
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
        }
        local.limb(c, sk.arms[0], width: armW, fill: style.light, ink: style.ink, outline: style.outline)
        // Hands.
        for arm in sk.arms {
            if let hand = arm.last {
                local.circle(c, hand.0, hand.1, armW * 0.55)
                c.fillAndOutline(skin, ink: style.ink, width: style.outline)
            }
        }
        // Turning to look, the head leads the body: it faces the camera before the shoulders do.
        let headTurned = s.action == .turning && abs(s.facing) < 0.75
        head(s, v, local: local, style: style, at: sk.head, r: headR, skin: skin, profile: !headTurned)
    }

    /// Joint positions for an action in side view.
    static func skeleton(_ action: SubjectAction, phase: Double, H: Double, headR: Double) -> Skeleton {
        let thigh = 0.245 * H, shin = 0.27 * H, upper = 0.17 * H, fore = 0.16 * H
        if let gait = Gait.human(action, height: H) {
            return stride(gait, action, phase: phase, H: H, headR: headR)
        }
        if action == .jumping { return jump(phase: phase, H: H, headR: headR) }
        let phi = 2 * Double.pi * phase
        var lean = 0.0
        var thighs = [0.03, -0.03], knees = [0.0, 0.0], arms = [0.08, -0.06], elbows = [0.12, 0.12]
        var hipY = 0.52 * H
        switch action {
        case .pointing:
            arms = [1.55, -0.05]
            elbows = [0.0, 0.15]
        case .waving:
            arms = [2.5 + 0.35 * sin(phi), -0.05]
            elbows = [-0.6, 0.15]
        case .sitting:
            hipY = 0.26 * H
            thighs = [1.5, 1.45]
            knees = [-1.5, -1.45]
            arms = [0.5, 0.4]
            elbows = [0.9, 0.9]
            lean = -0.06
        case .looking:
            lean = 0.06
        case .standing, .lying, .galloping, .walking, .running, .trotting, .jumping, .flying, .turning:
            break
        }
        let hip = (0.0, hipY)
        let torso = 0.3 * H
        let neck = (hip.0 + sin(lean) * torso, hip.1 + cos(lean) * torso)
        let head = (neck.0 + sin(lean) * headR * 1.2 + (action == .looking ? 0.02 * H : 0), neck.1 + headR * 1.15)
        var legs: [[(Double, Double)]] = []
        for k in 0..<2 {
            let knee = (hip.0 + sin(thighs[k]) * thigh, hip.1 - cos(thighs[k]) * thigh)
            let shinAngle = thighs[k] - knees[k]
            let foot = (knee.0 + sin(shinAngle) * shin, knee.1 - cos(shinAngle) * shin)
            legs.append([hip, knee, foot])
        }
        return Skeleton(head: head, neck: neck, hip: hip, legs: legs,
                        arms: armJoints(neck: neck, arms: arms, elbows: elbows, upper: upper, fore: fore, H: H))
    }

    /// A walk, jog or run in side view: feet on the gait's paths (a planted foot sweeps back at the body's speed),
    /// knees found by inverse kinematics, hips riding over the planted foot, arms swinging against the legs.
    static func stride(_ gait: Gait, _ action: SubjectAction, phase: Double, H: Double, headR: Double) -> Skeleton {
        let thigh = 0.245 * H, shin = 0.27 * H, upper = 0.17 * H, fore = 0.16 * H
        let leg = thigh + shin
        let hip = (0.0, gait.topHeight(phase: phase, leg: leg))
        let legs = gait.touchdown.map { touchdown -> [(Double, Double)] in
            let f = gait.foot(phase: phase, touchdown: touchdown, leg: leg)
            let solved = LimbSolver.joint(top: hip, end: (f.x, f.y), upper: thigh, lower: shin, bend: 1)
            return [hip, solved.joint, solved.end]
        }
        // Each arm swings with the opposite leg: forward as that leg's foot is forward.
        let reach = max(1e-6, gait.stanceTravel / 2)
        let amplitude = action == .walking ? 0.45 : 0.9
        let arms = [legs[1][2].0, legs[0][2].0].map { amplitude * max(-1, min(1, $0 / reach)) }
        let elbows = action == .walking ? [0.3, 0.3] : [1.5, 1.5]
        let lean = action == .walking ? 0.03 : 0.2
        let torso = 0.3 * H
        let neck = (hip.0 + sin(lean) * torso, hip.1 + cos(lean) * torso)
        let head = (neck.0 + sin(lean) * headR * 1.2, neck.1 + headR * 1.15)
        return Skeleton(head: head, neck: neck, hip: hip, legs: legs,
                        arms: armJoints(neck: neck, arms: arms, elbows: elbows, upper: upper, fore: fore, H: H))
    }

    /// A jump as animators time it, by cycle phase: anticipation (crouch, arms back), push-off, a parabola in the
    /// air with legs tucked and arms up, landing that absorbs, and a settle back to standing.
    static func jump(phase u: Double, H: Double, headR: Double) -> Skeleton {
        let thigh = 0.245 * H, shin = 0.27 * H, upper = 0.17 * H, fore = 0.16 * H
        let p = JumpTiming(phase: u, height: 0.2 * H)
        let standing = 0.97 * (thigh + shin)
        let hip = (0.0, standing - 0.2 * H * p.crouch + p.lift)
        let tuck = p.lift > 0 ? 0.12 * H * min(1, p.lift / (0.1 * H)) : 0
        let legs = [0.03 * H, -0.02 * H].map { footX -> [(Double, Double)] in
            let solved = LimbSolver.joint(top: hip, end: (footX - 0.4 * tuck, p.lift + tuck), upper: thigh, lower: shin, bend: 1)
            return [hip, solved.joint, solved.end]
        }
        let armAngle = p.lift > 0 ? 2.6 : -0.9 * p.crouch
        let lean = 0.25 * p.crouch
        let torso = 0.3 * H
        let neck = (hip.0 + sin(lean) * torso, hip.1 + cos(lean) * torso)
        let head = (neck.0 + sin(lean) * headR * 1.2, neck.1 + headR * 1.15)
        return Skeleton(head: head, neck: neck, hip: hip, legs: legs,
                        arms: armJoints(neck: neck, arms: [armAngle, armAngle - 0.2], elbows: [0.2, 0.2], upper: upper, fore: fore, H: H))
    }

    static func armJoints(neck: (Double, Double), arms: [Double], elbows: [Double], upper: Double, fore: Double, H: Double) -> [[(Double, Double)]] {
        let shoulder = (neck.0, neck.1 - 0.035 * H)
        return (0..<2).map { k in
            let elbow = (shoulder.0 + sin(arms[k]) * upper, shoulder.1 - cos(arms[k]) * upper)
            let a = arms[k] + elbows[k]
            let hand = (elbow.0 + sin(a) * fore, elbow.1 - cos(a) * fore)
            return [shoulder, elbow, hand]
        }
    }

    /// A figure facing the camera: symmetric limbs, wide shoulders.
    static func front(_ s: LaidOutSubject, _ v: View, local: Local, style: SubjectStyle, H: Double, headR: Double, skin: RGB, trousers: RGB) {
        let c = v.canvas
        let sitting = s.action == .sitting
        let hipY = sitting ? 0.26 * H : 0.52 * H
        let shoulderY = hipY + 0.27 * H
        let legW = 0.08 * H, armW = 0.055 * H
        let waving = s.action == .waving
        for side in [-1.0, 1.0] {
            let knee = sitting ? (side * 0.08 * H, hipY + 0.02 * H) : (side * 0.055 * H, 0.27 * H)
            local.limb(c, [(side * 0.05 * H, hipY), knee, (side * 0.065 * H, 0)], width: legW, fill: trousers, ink: style.ink, outline: style.outline)
        }
        local.polygon(c, [(-0.13 * H, shoulderY), (0.13 * H, shoulderY), (0.095 * H, hipY - 0.01 * H), (-0.095 * H, hipY - 0.01 * H)])
        c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
        if s.kind == .woman && !sitting {
            local.polygon(c, [(-0.1 * H, hipY + 0.06 * H), (0.1 * H, hipY + 0.06 * H), (0.16 * H, hipY - 0.2 * H), (-0.16 * H, hipY - 0.2 * H)])
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
        }
        for side in [-1.0, 1.0] {
            let shoulder = (side * 0.125 * H, shoulderY - 0.02 * H)
            let arm: [(Double, Double)]
            if waving && side > 0 {
                arm = [shoulder, (side * 0.2 * H, shoulderY + 0.08 * H), (side * (0.2 + 0.07 * sin(2 * .pi * s.phase)) * H, shoulderY + 0.22 * H)]
            } else if sitting {
                arm = [shoulder, (side * 0.15 * H, hipY + 0.08 * H), (side * 0.09 * H, hipY + 0.02 * H)]
            } else {
                arm = [shoulder, (side * 0.15 * H, shoulderY - 0.16 * H), (side * 0.16 * H, hipY - 0.05 * H)]
            }
            local.limb(c, arm, width: armW, fill: side < 0 ? style.shade : style.light, ink: style.ink, outline: style.outline)
            if let hand = arm.last {
                local.circle(c, hand.0, hand.1, armW * 0.55)
                c.fillAndOutline(skin, ink: style.ink, width: style.outline)
            }
        }
        local.limb(c, [(0, shoulderY), (0, shoulderY + 0.03 * H)], width: 0.05 * H, fill: skin, ink: style.ink, outline: style.outline)
        head(s, v, local: local, style: style, at: (0, shoulderY + 0.03 * H + headR * 1.05), r: headR, skin: skin, profile: false)
    }

    /// Head with hair, and a simple face when it is big enough to read.
    static func head(_ s: LaidOutSubject, _ v: View, local: Local, style: SubjectStyle, at centre: (Double, Double), r: Double, skin: RGB, profile: Bool) {
        let c = v.canvas
        let hair = v.tone(s.kind == .woman ? RGB(hex: 0x4A3426) : RGB(hex: 0x2F2A26), distance: s.z)
        let (hx, hy) = centre
        if s.kind == .woman {
            // Hair falling to the shoulders: behind the head in profile, framing the face from the front.
            if profile {
                local.ellipse(c, hx - 0.45 * r, hy - 0.3 * r, r * 0.85, r * 1.25)
            } else {
                for side in [-1.0, 1.0] { local.ellipse(c, hx + side * 0.78 * r, hy - 0.35 * r, r * 0.42, r * 1.05) }
            }
            c.fillAndOutline(hair, ink: style.ink, width: style.outline)
        }
        local.circle(c, hx, hy, r)
        c.fillAndOutline(skin, ink: style.ink, width: style.outline)
        // Hair cap.
        local.ellipse(c, hx - (profile ? 0.15 * r : 0), hy + 0.45 * r, r * 0.95, r * 0.55)
        c.fill(hair)
        let radiusPixels = local.len(r)
        guard radiusPixels > 18 else { return }
        let feature = style.ink
        let w = max(1, radiusPixels / 22)
        if profile {
            local.circle(c, hx + 0.55 * r, hy + 0.05 * r, 0.08 * r)
            c.fill(feature)
            c.move(local.x(hx + 0.92 * r), local.y(hy + 0.05 * r))
            c.line(local.x(hx + 1.12 * r), local.y(hy - 0.2 * r))
            c.line(local.x(hx + 0.95 * r), local.y(hy - 0.28 * r))
            c.stroke(feature, width: w)
            local.ellipse(c, hx - 0.15 * r, hy, 0.14 * r, 0.22 * r)
            c.fillAndOutline(skin.shaded(0.08), ink: feature, width: w)
            c.move(local.x(hx + 0.55 * r), local.y(hy - 0.5 * r))
            c.line(local.x(hx + 0.8 * r), local.y(hy - 0.5 * r))
            c.stroke(feature, width: w)
        } else {
            for side in [-1.0, 1.0] {
                local.circle(c, hx + side * 0.35 * r, hy + 0.05 * r, 0.08 * r)
                c.fill(feature)
            }
            c.move(local.x(hx), local.y(hy))
            c.line(local.x(hx + 0.08 * r), local.y(hy - 0.28 * r))
            c.line(local.x(hx - 0.05 * r), local.y(hy - 0.3 * r))
            c.stroke(feature, width: w)
            c.move(local.x(hx - 0.25 * r), local.y(hy - 0.52 * r))
            c.line(local.x(hx + 0.25 * r), local.y(hy - 0.52 * r))
            c.stroke(feature, width: w)
            for side in [-1.0, 1.0] {
                local.ellipse(c, hx + side * 1.0 * r, hy, 0.12 * r, 0.22 * r)
                c.fillAndOutline(skin.shaded(0.08), ink: feature, width: w)
            }
        }
    }
}
