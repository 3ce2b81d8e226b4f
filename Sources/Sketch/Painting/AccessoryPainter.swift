import Drawing
import Foundation

/// Shoes, watches and cameras in profile: the small things agency boards close up on.
enum AccessoryPainter {
    static func paint(_ s: LaidOutSubject, _ v: View, local: Local, style: SubjectStyle) {
        let c = v.canvas
        let L = s.kind.size.length * s.scale, H = s.kind.size.height * s.scale
        switch s.kind {
        case .shoe:
            // Sole, then the upper rising to the heel collar, toe forward.
            local.roundedRect(c, -0.5 * L, 0, 0.5 * L, 0.14 * H, 0.05 * H)
            c.fillAndOutline(RGB(hex: 0xEDEAE2), ink: style.ink, width: style.outline)
            local.polygon(c, [(-0.48 * L, 0.14 * H), (0.5 * L, 0.14 * H), (0.46 * L, 0.42 * H), (0.1 * L, 0.62 * H),
                              (-0.2 * L, 0.95 * H), (-0.46 * L, 0.95 * H)])
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            for k in 0..<3 {
                let x = -0.12 * L + 0.1 * L * Double(k)
                c.move(local.x(x), local.y(0.78 * H - 0.12 * H * Double(k)))
                c.line(local.x(x + 0.07 * L), local.y(0.7 * H - 0.12 * H * Double(k)))
                c.stroke(style.light, width: max(1, style.outline))
            }
        case .watch:
            // Strap above and below a round case with a face and two hands.
            local.roundedRect(c, -0.22 * L, -0.9 * H, 0.22 * L, 1.9 * H, 0.08 * L)
            c.fillAndOutline(v.tone(RGB(hex: 0x5A4032), distance: s.z), ink: style.ink, width: style.outline)
            local.circle(c, 0, 0.5 * H, 0.5 * L)
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            local.circle(c, 0, 0.5 * H, 0.4 * L)
            c.fillAndOutline(RGB(hex: 0xF6F4EE), ink: style.ink, width: style.outline * 0.6)
            local.limb(c, [(0, 0.5 * H), (0, 0.5 * H + 0.3 * L)], width: 0.04 * L, fill: style.ink, ink: style.ink, outline: 0)
            local.limb(c, [(0, 0.5 * H), (0.22 * L, 0.5 * H)], width: 0.04 * L, fill: style.ink, ink: style.ink, outline: 0)
            local.roundedRect(c, 0.48 * L, 0.44 * H, 0.58 * L, 0.56 * H, 0.02 * L)
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
        default:
            // Camera: body, viewfinder hump, lens barrel and a shutter button.
            local.roundedRect(c, -0.5 * L, 0, 0.5 * L, 0.75 * H, 0.08 * L)
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            local.roundedRect(c, -0.15 * L, 0.75 * H, 0.15 * L, H, 0.03 * L)
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            local.circle(c, 0, 0.38 * H, 0.26 * L)
            c.fillAndOutline(style.shade, ink: style.ink, width: style.outline)
            local.circle(c, 0, 0.38 * H, 0.16 * L)
            c.fillAndOutline(RGB(hex: 0x1C2230), ink: style.ink, width: style.outline)
            local.circle(c, -0.05 * L, 0.43 * H, 0.05 * L)
            c.fill(RGB(1, 1, 1), 0.5)
            local.roundedRect(c, 0.28 * L, 0.75 * H, 0.4 * L, 0.84 * H, 0.02 * L)
            c.fillAndOutline(style.ink.lit(0.3), ink: style.ink, width: style.outline)
        }
    }
}
