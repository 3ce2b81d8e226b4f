import Foundation

/// Planes and helicopters in profile, nose in the direction they face.
enum AircraftPainter {
    static func paint(_ s: LaidOutSubject, _ v: View, local: Local, style: SubjectStyle) {
        let c = v.canvas
        let L = s.kind.size.length * s.scale, H = s.kind.size.height * s.scale
        let glass = v.light.skyHorizon.mixed(v.light.skyTop, 0.4).shaded(0.25)
        if s.kind == .plane {
            // Fuselage along the lower third, fin at the tail, a swept wing and a row of windows.
            local.polygon(c, [(-0.5 * L, 0.35 * H), (-0.38 * L, 0.5 * H), (-0.45 * L, H), (-0.32 * L, H), (-0.2 * L, 0.5 * H)])
            c.fillAndOutline(style.shade, ink: style.ink, width: style.outline)
            local.roundedRect(c, -0.5 * L, 0.18 * H, 0.5 * L, 0.5 * H, 0.16 * H)
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            local.polygon(c, [(0.5 * L, 0.34 * H), (0.42 * L, 0.46 * H), (0.46 * L, 0.5 * H)])
            c.fill(glass)
            var x = -0.36 * L
            while x < 0.36 * L {
                local.roundedRect(c, x, 0.36 * H, x + 0.012 * L, 0.42 * H, 0.005 * L)
                c.fill(glass)
                x += 0.03 * L
            }
            local.polygon(c, [(0.08 * L, 0.28 * H), (-0.14 * L, 0.02 * H), (-0.22 * L, 0.02 * H), (-0.08 * L, 0.28 * H)])
            c.fillAndOutline(style.shade, ink: style.ink, width: style.outline)
            local.polygon(c, [(-0.42 * L, 0.45 * H), (-0.5 * L, 0.62 * H), (-0.46 * L, 0.62 * H), (-0.36 * L, 0.45 * H)])
            c.fillAndOutline(style.shade, ink: style.ink, width: style.outline)
        } else {
            // Helicopter: bubble cabin, tail boom with a tail rotor, skids and the main rotor's blur.
            local.limb(c, [(-0.1 * L, 0.55 * H), (-0.48 * L, 0.62 * H)], width: 0.1 * H, fill: style.base, ink: style.ink, outline: style.outline)
            local.circle(c, -0.48 * L, 0.68 * H, 0.06 * L)
            c.stroke(style.ink, width: style.outline)
            local.ellipse(c, 0.12 * L, 0.5 * H, 0.24 * L, 0.3 * H)
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            local.ellipse(c, 0.24 * L, 0.56 * H, 0.1 * L, 0.16 * H)
            c.fillAndOutline(glass, ink: style.ink, width: style.outline)
            for dx in [-0.02, 0.26] {
                local.limb(c, [(dx * L, 0.2 * H), (dx * L, 0.05 * H)], width: 0.03 * H, fill: style.ink, ink: style.ink, outline: 0)
            }
            local.limb(c, [(-0.12 * L, 0.04 * H), (0.38 * L, 0.04 * H)], width: 0.04 * H, fill: style.ink, ink: style.ink, outline: 0)
            local.limb(c, [(0.1 * L, 0.8 * H), (0.1 * L, 0.92 * H)], width: 0.04 * H, fill: style.ink, ink: style.ink, outline: 0)
            local.ellipse(c, 0.1 * L, 0.93 * H, 0.5 * L, 0.025 * H)
            c.fill(style.ink, 0.55)
        }
    }
}
