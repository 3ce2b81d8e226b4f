import Drawing
import Foundation

/// Subjects seen from straight above: footprints that still read as people, animals and things.
enum TopDownPainter {
    static func paint(_ s: LaidOutSubject, _ v: View) {
        let c = v.canvas
        let H = s.kind.size.height * s.scale, L = s.kind.size.length * s.scale
        guard let centre = v.project(s.x, s.elevation + H * 0.5, s.z) else { return }
        let ppm = v.scale(atDepth: max(0.2, centre.depth))
        let style = SubjectStyle(colour: SubjectStyle.defaultColour(s), view: v, distance: 0, sizePixels: max(L, H) * ppm)
        let angle = s.facing < 0 ? Double.pi : 0
        c.save()
        // A shadow offset away from the light.
        let away = v.layout.lightFromLeft ? 1.0 : -1.0
        switch s.kind.category {
        case .human:
            c.ellipse(centre.x + away * 0.12 * ppm, centre.y + 0.1 * ppm, 0.28 * ppm, 0.16 * ppm)
            c.fill(v.light.ink, v.light.shadowAlpha)
            c.ellipse(centre.x, centre.y, 0.25 * ppm, 0.13 * ppm)
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            c.circle(centre.x + cos(angle) * 0.03 * ppm, centre.y, 0.1 * ppm)
            c.fillAndOutline(v.tone(RGB(hex: 0x3A2E26), distance: 0), ink: style.ink, width: style.outline)
        case .animal:
            let rx = L * 0.36 * ppm, ry = L * 0.12 * ppm
            let dir = cos(angle)
            c.ellipse(centre.x + away * 0.15 * ppm, centre.y + 0.15 * ppm, rx, ry)
            c.fill(v.light.ink, v.light.shadowAlpha)
            // Tail, body, neck and head along the facing direction.
            c.move(centre.x - dir * rx * 0.9, centre.y)
            c.line(centre.x - dir * rx * 1.4, centre.y + ry * 0.3)
            c.stroke(style.shade, width: max(1, ry * 0.3))
            c.ellipse(centre.x, centre.y, rx, ry)
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            c.ellipse(centre.x + dir * rx * 1.05, centre.y, rx * 0.35, ry * 0.45)
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            c.ellipse(centre.x + dir * rx * 1.4, centre.y, rx * 0.25, ry * 0.5)
            c.fillAndOutline(style.base.lit(0.08), ink: style.ink, width: style.outline)
        case .vehicle:
            let rx = L / 2 * ppm, ry = (s.kind.category == .vehicle ? 0.9 : 0.22) * (s.kind == .horse ? 1 : L / 4) * ppm
            c.roundedRect(centre.x - rx + away * 0.2 * ppm, centre.y - ry + 0.2 * ppm, 2 * rx, 2 * ry, ry * 0.6)
            c.fill(v.light.ink, v.light.shadowAlpha)
            c.roundedRect(centre.x - rx, centre.y - ry, 2 * rx, 2 * ry, ry * (s.kind.category == .vehicle ? 0.4 : 0.9))
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            let front = centre.x + cos(angle) * rx
            if s.kind.category == .vehicle {
                c.rect(min(front, front - cos(angle) * rx * 0.45), centre.y - ry * 0.8, rx * 0.3, ry * 1.6)
                c.fill(v.light.skyHorizon.shaded(0.2))
            } else {
                c.ellipse(front + cos(angle) * ry * 0.8, centre.y, ry * 1.0, ry * 0.6)
                c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            }
        case .nature:
            c.circle(centre.x + away * 0.1 * L * ppm, centre.y + 0.1 * L * ppm, L / 2 * ppm)
            c.fill(v.light.ink, v.light.shadowAlpha)
            c.circle(centre.x, centre.y, L / 2 * ppm)
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
        default:
            if s.kind == .placeholder {
                let local = Local(baseX: centre.x, baseY: centre.y + H / 2 * ppm, ppm: ppm, flip: 1)
                ObjectPainter.placeholder(s, v, local: local, style: style)
            } else {
                // Furniture and the rest: their boxes from above.
                ObjectPainter.paint(s, v, local: Local(baseX: centre.x, baseY: centre.y, ppm: ppm, flip: 1), style: style)
            }
        }
        c.restore()
    }
}
