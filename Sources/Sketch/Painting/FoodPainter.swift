import Drawing
import Foundation

/// Fruit and dishes as a storyboard draws them: a round fruit with stem and leaf, a plate with a mound of food.
enum FoodPainter {
    static func paint(_ s: LaidOutSubject, _ v: View, local: Local, style: SubjectStyle) {
        let c = v.canvas
        let L = s.kind.size.length * s.scale, H = s.kind.size.height * s.scale
        switch s.kind {
        case .fruit:
            let r = 0.5 * H
            local.ellipse(c, 0, r, 0.52 * L, r)
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            // A highlight on the lit side reads as a round, glossy skin.
            local.ellipse(c, (v.layout.lightFromLeft ? -0.18 : 0.18) * L, 1.3 * r, 0.12 * L, 0.18 * H)
            c.fill(RGB(1, 1, 1), 0.45)
            local.limb(c, [(0, 0.95 * H), (0.04 * L, 1.15 * H)], width: 0.05 * H, fill: RGB(hex: 0x5B4030), ink: style.ink, outline: style.outline * 0.5)
            local.polygon(c, [(0.05 * L, 1.08 * H), (0.32 * L, 1.2 * H), (0.12 * L, 1.0 * H)])
            c.fillAndOutline(v.tone(RGB(hex: 0x5C8A4A), distance: s.z), ink: style.ink, width: style.outline)
        default:
            // A plate seen a little from above, the food heaped in its middle.
            let plate = v.tone(RGB(hex: 0xF4F1EA), distance: s.z)
            local.ellipse(c, 0, 0.12 * H, 0.5 * L, 0.18 * H)
            c.fillAndOutline(plate, ink: style.ink, width: style.outline)
            local.ellipse(c, 0, 0.14 * H, 0.36 * L, 0.11 * H)
            c.stroke(style.ink, width: style.outline * 0.5, alpha: 0.4)
            local.polygon(c, (0...10).map { k -> (Double, Double) in
                let a = Double.pi * Double(k) / 10
                return (cos(a) * 0.3 * L, 0.14 * H + sin(a) * 0.85 * H * (0.85 + 0.15 * v.jitter(k, 7)))
            })
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            local.ellipse(c, -0.08 * L, 0.55 * H, 0.06 * L, 0.12 * H)
            c.fill(v.tone(RGB(hex: 0x6E9A4A), distance: s.z))
        }
    }
}
