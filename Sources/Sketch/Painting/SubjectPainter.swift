import Drawing
import Foundation

/// Draws one subject where the layout put it: contact shadow, then the figure or object for its kind.
enum SubjectPainter {
    static func paint(_ s: LaidOutSubject, _ v: View) {
        let height = s.kind.size.height * s.scale
        if v.isOverhead {
            TopDownPainter.paint(s, v)
            return
        }
        guard let base = v.project(s.x, s.elevation, s.z), let top = v.project(s.x, s.elevation + height, s.z) else { return }
        let pixels = max(1, base.y - top.y)
        let ppm = pixels / height
        let colour = SubjectStyle.defaultColour(s)
        let style = SubjectStyle(colour: colour, view: v, distance: s.z, sizePixels: pixels)
        let flip: Double = s.facing < 0 ? -1 : 1
        let local = Local(baseX: base.x, baseY: base.y, ppm: ppm, flip: flip)
        shadow(s, v, local: local)
        switch s.kind.category {
        case .human: FigurePainter.paint(s, v, local: local, style: style)
        case .animal: AnimalPainter.paint(s, v, local: local, style: style)
        case .vehicle: VehiclePainter.paint(s, v, local: local, style: style)
        default: ObjectPainter.paint(s, v, local: local, style: style)
        }
    }

    /// A soft ellipse on the ground, pushed away from the light.
    static func shadow(_ s: LaidOutSubject, _ v: View, local: Local) {
        if s.action == .flying || s.kind == .water { return }
        let footprint: Double
        switch s.kind.category {
        case .human: footprint = s.action == .lying ? 1.0 : 0.35
        case .structure: return
        default: footprint = s.kind.size.length * s.scale * 0.5
        }
        let away = v.layout.lightFromLeft ? 1.0 : -1.0
        let cx = local.baseX + away * local.len(footprint) * 0.35
        v.canvas.ellipse(cx, local.baseY, local.len(footprint) * 1.1, max(1, local.len(footprint) * 0.18))
        v.canvas.fill(v.light.ink, v.light.shadowAlpha)
    }

    /// An axis-aligned box in world metres: the faces the camera sees, front toned, top lit, side shaded.
    static func box(_ v: View, cx: Double, cz: Double, width: Double, depth: Double, y0: Double, y1: Double,
                    style: SubjectStyle, front: RGB? = nil) {
        let x0 = cx - width / 2, x1 = cx + width / 2, z0 = cz - depth / 2, z1 = cz + depth / 2
        let cam = v.camera
        let litLeft = v.layout.lightFromLeft
        if cam.panX < x0 {
            v.worldPolygon([(x0, y0, z0), (x0, y0, z1), (x0, y1, z1), (x0, y1, z0)], fill: litLeft ? style.light : style.shade, ink: style.ink, inkWidth: style.outline)
        } else if cam.panX > x1 {
            v.worldPolygon([(x1, y0, z0), (x1, y0, z1), (x1, y1, z1), (x1, y1, z0)], fill: litLeft ? style.shade : style.light, ink: style.ink, inkWidth: style.outline)
        }
        if cam.height > y1 {
            v.worldPolygon([(x0, y1, z0), (x1, y1, z0), (x1, y1, z1), (x0, y1, z1)], fill: style.light, ink: style.ink, inkWidth: style.outline)
        }
        v.worldPolygon([(x0, y0, z0), (x1, y0, z0), (x1, y1, z0), (x0, y1, z0)], fill: front ?? style.base, ink: style.ink, inkWidth: style.outline)
    }

    /// A tree as backdrops and subjects draw it: trunk and clustered canopy.
    static func tree(_ v: View, x: Double, z: Double, height: Double, colour: RGB) {
        guard let base = v.project(x, 0, z), let top = v.project(x, height, z) else { return }
        let ppm = max(0.01, (base.y - top.y) / height)
        let local = Local(baseX: base.x, baseY: base.y, ppm: ppm, flip: 1)
        let style = SubjectStyle(colour: colour, view: v, distance: z, sizePixels: base.y - top.y)
        let trunk = v.tone(RGB(hex: 0x6B4E36), distance: z)
        local.polygon(v.canvas, [(-0.04 * height, 0), (0.04 * height, 0), (0.025 * height, 0.55 * height), (-0.025 * height, 0.55 * height)])
        v.canvas.fillAndOutline(trunk, ink: style.ink, width: style.outline)
        let blobs: [(Double, Double, Double)] = [(0, 0.72, 0.26), (-0.17, 0.6, 0.19), (0.18, 0.62, 0.2), (0.05, 0.86, 0.17)]
        for (bx, by, r) in blobs {
            local.circle(v.canvas, bx * height, by * height, r * height)
        }
        v.canvas.fillAndOutline(style.base, ink: style.ink, width: style.outline)
        local.circle(v.canvas, (v.layout.lightFromLeft ? -0.08 : 0.08) * height, 0.78 * height, 0.12 * height)
        v.canvas.fill(style.light, 0.6)
    }
}
