import Drawing
import Foundation

/// Cars, trucks, bikes and boats in profile.
enum VehiclePainter {
    /// Radius in metres of the wheels `paint` draws (0 for a boat).
    static func wheelRadius(_ s: LaidOutSubject) -> Double {
        let H = s.kind.size.height * s.scale
        switch s.kind {
        case .car: return 0.22 * H
        case .truck: return 0.14 * H
        case .bicycle: return 0.33 * H
        case .motorcycle: return 0.3 * H
        default: return 0
        }
    }

    static func paint(_ s: LaidOutSubject, _ v: View, local: Local, style: SubjectStyle) {
        let c = v.canvas
        let L = s.kind.size.length * s.scale, H = s.kind.size.height * s.scale
        let glass = v.light.skyHorizon.mixed(v.light.skyTop, 0.4).shaded(0.1)
        let tyre = v.light.ink.mixed(RGB(0.2, 0.2, 0.22), 0.5)
        // Phase is the wheels' turn: a spoke shows them rolling (forward is clockwise for a vehicle facing right).
        let turn = -2 * Double.pi * s.phase
        func spokes(_ x: Double, _ r: Double, _ width: Double) {
            for k in 0..<3 {
                let a = turn + Double(k) * 2 * .pi / 3
                c.move(local.x(x), local.y(r))
                c.line(local.x(x + cos(a) * r), local.y(r + sin(a) * r))
                c.stroke(style.ink, width: width)
            }
        }
        func wheel(_ x: Double, _ r: Double) {
            local.circle(c, x, r, r)
            c.fillAndOutline(tyre, ink: style.ink, width: style.outline)
            local.circle(c, x, r, r * 0.45)
            c.fill(RGB(hex: 0xB9BCC2))
            spokes(x, r * 0.45, max(1, style.outline * 0.8))
        }
        switch s.kind {
        case .car:
            local.roundedRect(c, -L / 2, 0.28 * H, L / 2, 0.68 * H, 0.15 * H)
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            local.polygon(c, [(-0.3 * L, 0.66 * H), (-0.18 * L, H), (0.14 * L, H), (0.3 * L, 0.66 * H)])
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            local.polygon(c, [(-0.26 * L, 0.68 * H), (-0.16 * L, 0.94 * H), (-0.03 * L, 0.94 * H), (-0.03 * L, 0.68 * H)])
            c.fillAndOutline(glass, ink: style.ink, width: style.outline)
            local.polygon(c, [(0.0, 0.68 * H), (0.0, 0.94 * H), (0.12 * L, 0.94 * H), (0.25 * L, 0.68 * H)])
            c.fillAndOutline(glass, ink: style.ink, width: style.outline)
            local.roundedRect(c, 0.44 * L, 0.5 * H, 0.5 * L, 0.6 * H, 0.02 * H)
            c.fill(RGB(hex: 0xFFF1C2))
            c.move(local.x(-0.45 * L), local.y(0.5 * H))
            c.line(local.x(0.45 * L), local.y(0.5 * H))
            c.stroke(style.light, width: style.outline)
            wheel(-0.31 * L, 0.22 * H)
            wheel(0.31 * L, 0.22 * H)
        case .truck:
            local.roundedRect(c, -L / 2, 0.25 * H, 0.22 * L, H, 0.03 * H)
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            local.roundedRect(c, 0.24 * L, 0.25 * H, L / 2, 0.78 * H, 0.08 * H)
            c.fillAndOutline(style.shade, ink: style.ink, width: style.outline)
            local.polygon(c, [(0.3 * L, 0.5 * H), (0.3 * L, 0.72 * H), (0.44 * L, 0.72 * H), (0.48 * L, 0.5 * H)])
            c.fillAndOutline(glass, ink: style.ink, width: style.outline)
            wheel(-0.33 * L, 0.14 * H)
            wheel(-0.18 * L, 0.14 * H)
            wheel(0.36 * L, 0.14 * H)
        case .plane, .helicopter:
            AircraftPainter.paint(s, v, local: local, style: style)
        case .bicycle, .motorcycle:
            let r = s.kind == .bicycle ? 0.33 * H : 0.3 * H
            let axle = s.kind == .bicycle ? 0.3 * L : 0.34 * L
            for x in [-axle, axle] {
                local.circle(c, x, r, r)
                c.stroke(tyre, width: max(1, local.len(0.05 * H)))
                spokes(x, r, max(1, style.outline * 0.5))
            }
            local.limb(c, [(-axle, r), (-0.05 * L, 0.75 * H), (0.25 * L, 0.75 * H), (axle, r)], width: 0.04 * H, fill: style.base, ink: style.ink, outline: style.outline * 0.5)
            local.limb(c, [(-0.05 * L, 0.75 * H), (0.05 * L, r), (-axle, r)], width: 0.04 * H, fill: style.base, ink: style.ink, outline: style.outline * 0.5)
            local.limb(c, [(0.25 * L, 0.75 * H), (0.22 * L, 0.98 * H), (0.16 * L, 1.0 * H)], width: 0.035 * H, fill: style.ink, ink: style.ink, outline: 0)
            if s.kind == .motorcycle {
                local.ellipse(c, 0.02 * L, 0.68 * H, 0.2 * L, 0.12 * H)
                c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            }
            local.ellipse(c, -0.08 * L, 0.82 * H, 0.07 * L, 0.04 * H)
            c.fill(style.ink)
        default:
            // Boat: hull, cabin, and a mast with a sail; the kind's height is the mast's.
            local.polygon(c, [(-L / 2, 0.12 * H), (L / 2, 0.15 * H), (0.38 * L, 0.01 * H), (-0.42 * L, 0.01 * H)])
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            c.move(local.x(-0.45 * L), local.y(0.06 * H))
            c.line(local.x(0.44 * L), local.y(0.07 * H))
            c.stroke(RGB(hex: 0x3D6E9E), width: max(1, local.len(0.02 * H)))
            local.roundedRect(c, -0.2 * L, 0.12 * H, 0.12 * L, 0.21 * H, 0.01 * H)
            c.fillAndOutline(style.light, ink: style.ink, width: style.outline)
            c.move(local.x(-0.05 * L), local.y(0.21 * H))
            c.line(local.x(-0.05 * L), local.y(H))
            c.stroke(style.ink, width: style.outline)
            local.polygon(c, [(-0.04 * L, 0.96 * H), (-0.04 * L, 0.25 * H), (0.3 * L, 0.25 * H)])
            c.fillAndOutline(RGB(hex: 0xF6F3EA), ink: style.ink, width: style.outline)
        }
        if s.action == .running {
            for k in 0..<3 {
                let y = (0.3 + 0.2 * Double(k)) * H
                c.move(local.x(-0.55 * L), local.y(y))
                c.line(local.x(-0.75 * L), local.y(y))
                c.stroke(style.ink, width: style.outline, alpha: 0.5)
            }
        }
    }
}
