import Drawing
import Foundation

/// Buildings by type: a tower, a lighthouse and a stadium, each by the silhouette a board uses for it.
enum LandmarkPainter {
    static func paint(_ s: LaidOutSubject, _ v: View, local: Local, style: SubjectStyle) {
        let c = v.canvas
        let L = s.kind.size.length * s.scale, H = s.kind.size.height * s.scale
        let lit = v.light.isNight ? RGB(hex: 0xF5D68A) : style.shade.mixed(v.light.skyTop, 0.3)
        switch s.kind {
        case .tower:
            // A tapering shaft with window bands and a mast.
            local.polygon(c, [(-0.5 * L, 0), (0.5 * L, 0), (0.3 * L, 0.92 * H), (-0.3 * L, 0.92 * H)])
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            var y = 0.08 * H
            while y < 0.88 * H {
                let half = 0.5 * L - 0.2 * L * y / (0.92 * H) - 0.08 * L
                local.roundedRect(c, -half, y, half, y + 0.02 * H, 0)
                c.fill(lit)
                y += 0.06 * H
            }
            local.limb(c, [(0, 0.92 * H), (0, H)], width: 0.04 * L, fill: style.ink, ink: style.ink, outline: 0)
        case .lighthouse:
            // A tapered tower in red and white bands, a gallery and a lantern room with its beam at night.
            let bands = 5
            for k in 0..<bands {
                let y0 = 0.78 * H * Double(k) / Double(bands), y1 = 0.78 * H * Double(k + 1) / Double(bands)
                let w0 = 0.5 * L - 0.2 * L * y0 / (0.78 * H), w1 = 0.5 * L - 0.2 * L * y1 / (0.78 * H)
                local.polygon(c, [(-w0, y0), (w0, y0), (w1, y1), (-w1, y1)])
                c.fillAndOutline(k % 2 == 0 ? style.base : v.tone(RGB(hex: 0xC23B32), distance: s.z), ink: style.ink, width: style.outline)
            }
            local.roundedRect(c, -0.42 * L, 0.78 * H, 0.42 * L, 0.81 * H, 0)
            c.fillAndOutline(style.ink.lit(0.2), ink: style.ink, width: style.outline)
            local.roundedRect(c, -0.22 * L, 0.81 * H, 0.22 * L, 0.92 * H, 0)
            c.fillAndOutline(RGB(hex: 0xFFE9A8), ink: style.ink, width: style.outline)
            local.polygon(c, [(-0.28 * L, 0.92 * H), (0.28 * L, 0.92 * H), (0, H)])
            c.fillAndOutline(v.tone(RGB(hex: 0xC23B32), distance: s.z), ink: style.ink, width: style.outline)
            if v.light.isNight || v.layout.timeOfDay == .dusk {
                local.polygon(c, [(0, 0.87 * H), (3 * L, 0.8 * H), (3 * L, 0.95 * H)])
                c.fill(RGB(hex: 0xFFF1C2), 0.35)
            }
        default:
            // Stadium: a long low bowl, its stands in tiers, the rim and four floodlight masts.
            local.polygon(c, [(-0.5 * L, 0), (0.5 * L, 0), (0.46 * L, 0.62 * H), (-0.46 * L, 0.62 * H)])
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            for k in 1..<4 {
                let y = 0.62 * H * Double(k) / 4
                c.move(local.x(-0.49 * L), local.y(y))
                c.line(local.x(0.49 * L), local.y(y))
                c.stroke(style.shade, width: max(1, style.outline))
            }
            local.roundedRect(c, -0.47 * L, 0.62 * H, 0.47 * L, 0.7 * H, 0.02 * H)
            c.fillAndOutline(style.light, ink: style.ink, width: style.outline)
            for x in [-0.44, -0.15, 0.15, 0.44] {
                local.limb(c, [(x * L, 0.7 * H), (x * L, H * 0.97)], width: 0.006 * L, fill: style.ink, ink: style.ink, outline: 0)
                local.roundedRect(c, x * L - 0.02 * L, 0.95 * H, x * L + 0.02 * L, H, 0)
                c.fillAndOutline(RGB(hex: 0xFFF1C2), ink: style.ink, width: style.outline)
            }
        }
    }
}
