import Drawing
import Foundation

/// The ground seen from straight above: a texture of the setting filling the frame.
enum OverheadGroundPainter {
    static func paint(_ v: View, style: GroundStyle) {
        let c = v.canvas
        let b = v.layout.backdrop
        c.rect(-v.w, -v.h, 3 * v.w, 3 * v.h)
        c.fill(v.tone(style.near, distance: 0))
        let span = max(v.w, v.h) * 1.5
        switch v.layout.setting {
        case .beach, .lake:
            // Water on one side, a foam edge wandering across.
            let side = b[0] < 0 ? -1.0 : 1.0
            let water = v.tone(RGB(hex: 0x5F8FB0), distance: 0)
            var points: [(Double, Double)] = []
            for s in 0...30 {
                let y = -0.2 * v.h + 1.4 * v.h * Double(s) / 30
                let x = v.w * (0.5 + 0.15 * side + 0.06 * sin(Double(s) * 0.7 + b[1] * 5))
                points.append((x, y))
            }
            c.polygon(points + [(side > 0 ? span : -span, 1.2 * v.h), (side > 0 ? span : -span, -0.2 * v.h)])
            c.fill(water)
            if let first = points.first {
                c.move(first.0, first.1)
                for p in points.dropFirst() { c.line(p.0, p.1) }
                c.stroke(RGB(1, 1, 1), width: 5, alpha: 0.9)
            }
        case .road, .cityStreet:
            let asphalt = v.tone(RGB(hex: 0x5E6066), distance: 0)
            c.rect(-span, v.h * 0.3, 3 * span, v.h * 0.4)
            c.fill(asphalt)
            var x = -span
            while x < span {
                c.rect(x, v.h * 0.495, v.w * 0.05, v.h * 0.01)
                c.fill(RGB(hex: 0xE8E2C8))
                x += v.w * 0.1
            }
        case .park, .field, .forest, .mountains:
            for i in 0..<40 {
                c.ellipse(v.jitter(i, 71) * v.w, v.jitter(i, 72) * v.h, v.w * 0.05, v.w * 0.03)
                c.fill(style.near.shaded(0.12), 0.35)
            }
        case .desert:
            for k in 0..<12 {
                let y = Double(k) * v.h / 10
                c.move(0, y)
                c.curve(v.w * 0.3, y - 20, v.w * 0.6, y + 20, v.w, y)
                c.stroke(style.near.shaded(0.15), width: 2, alpha: 0.5)
            }
        default:
            // Interiors: floorboards.
            var x = 0.0
            while x < v.w {
                c.move(x, 0)
                c.line(x, v.h)
                c.stroke(v.light.ink, width: 1, alpha: 0.15)
                x += v.w / 24
            }
        }
    }
}
