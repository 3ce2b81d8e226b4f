import Drawing
import Foundation

/// Drinking glasses: a clear tapered tumbler with a drink in it and a bright rim, distinct from an opaque cup.
enum TablewarePainter {
    static func paint(_ s: LaidOutSubject, _ v: View, local: Local, style: SubjectStyle) {
        let c = v.canvas
        let L = s.kind.size.length * s.scale, H = s.kind.size.height * s.scale
        let drink = s.colour.map { RGB($0.rgb.r, $0.rgb.g, $0.rgb.b) } ?? RGB(hex: 0x8E2B3A)
        // Wine glass: bowl on a stem and foot.
        local.ellipse(c, 0, 0.01 * H, 0.4 * L, 0.03 * H)
        c.fillAndOutline(style.light, ink: style.ink, width: style.outline)
        local.limb(c, [(0, 0.02 * H), (0, 0.45 * H)], width: 0.04 * L, fill: style.light, ink: style.ink, outline: style.outline * 0.6)
        // The bowl is a U from rim to stem.
        let bowl = (0...12).map { k -> (Double, Double) in
            let a = Double.pi * Double(k) / 12
            return (-cos(a) * 0.5 * L, H - sin(a) * 0.55 * H)
        }
        // The drink fills the lower half of the bowl.
        local.polygon(c, bowl.filter { $0.1 <= 0.72 * H } + [(0.43 * L, 0.72 * H), (-0.43 * L, 0.72 * H)])
        c.fill(v.tone(drink, distance: s.z))
        local.polygon(c, bowl)
        c.fill(style.base, 0.25)
        local.polygon(c, bowl)
        c.stroke(style.ink, width: style.outline)
        local.ellipse(c, 0, H, 0.5 * L, 0.05 * H)
        c.stroke(style.ink, width: style.outline)
        local.limb(c, [(-0.3 * L, 0.62 * H), (-0.34 * L, 0.92 * H)], width: 0.05 * L, fill: RGB(1, 1, 1), ink: RGB(1, 1, 1), outline: 0)
    }
}
