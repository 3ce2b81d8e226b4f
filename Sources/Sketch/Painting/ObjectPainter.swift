import Drawing
import Foundation

/// Furniture, things in hands, plants, buildings and props. Furniture and buildings are drawn as boxes in the
/// world, so they take the camera's perspective; small things are drawn as flat silhouettes.
enum ObjectPainter {
    static func paint(_ s: LaidOutSubject, _ v: View, local: Local, style: SubjectStyle) {
        let c = v.canvas
        let L = s.kind.size.length * s.scale, H = s.kind.size.height * s.scale
        let x = s.x, z = s.z, y = s.elevation
        func box(_ dx: Double, _ dz: Double, _ w: Double, _ d: Double, _ y0: Double, _ y1: Double, _ tone: SubjectStyle? = nil) {
            SubjectPainter.box(v, cx: x + dx, cz: z + dz, width: w, depth: d, y0: y + y0, y1: y + y1, style: tone ?? style)
        }
        let cushion = SubjectStyle(colour: SubjectStyle.defaultColour(s).lit(0.12), view: v, distance: z, sizePixels: local.len(H))
        switch s.kind {
        case .sofa, .armchair:
            let d = 0.9 * s.scale
            box(0, d * 0.35, L, d * 0.3, 0.1, H)                         // back
            box(0, 0, L - 0.3, d, 0.1, 0.42)                              // base
            let seats = s.kind == .sofa ? 3 : 1
            let seatW = (L - 0.3) / Double(seats)
            for k in 0..<seats {
                box(-(L - 0.3) / 2 + seatW * (Double(k) + 0.5), -0.03, seatW - 0.02, d - 0.1, 0.42, 0.52, cushion)
            }
            for side in [-1.0, 1.0] { box(side * (L / 2 - 0.15), 0, 0.3, d, 0.1, 0.62) }
        case .chair:
            box(0, 0, 0.45, 0.45, 0.42, 0.47)
            box(0, 0.2, 0.45, 0.05, 0.47, H)
            for (dx, dz) in [(-0.2, -0.2), (0.2, -0.2), (-0.2, 0.2), (0.2, 0.2)] { box(dx, dz, 0.04, 0.04, 0, 0.42) }
        case .table:
            box(0, 0, L, 0.9 * s.scale, H - 0.05, H)
            for (dx, dz) in [(-L / 2 + 0.06, -0.38), (L / 2 - 0.06, -0.38), (-L / 2 + 0.06, 0.38), (L / 2 - 0.06, 0.38)] { box(dx, dz, 0.06, 0.06, 0, H - 0.05) }
        case .bed:
            box(0, 0, 1.6, L, 0, 0.35)
            box(0, 0, 1.55, L - 0.05, 0.35, 0.55, cushion)
            box(0, L / 2, 1.6, 0.08, 0, H)
            box(0, L / 2 - 0.3, 1.2, 0.35, 0.55, 0.68, SubjectStyle(colour: RGB(0.95, 0.95, 0.93), view: v, distance: z, sizePixels: local.len(H)))
        case .television:
            box(0, 0, 0.5, 0.25, 0, 0.05)
            box(0, 0, L, 0.06, 0.1, H, style)
            box(0, -0.04, L - 0.06, 0.01, 0.13, H - 0.03, SubjectStyle(colour: RGB(hex: 0x1C2230), view: v, distance: z, sizePixels: local.len(H)))
        case .lamp:
            local.limb(c, [(0, 0), (0, 0.8 * H)], width: 0.03 * H, fill: style.ink, ink: style.ink, outline: 0)
            local.ellipse(c, 0, 0.01 * H, 0.12 * H, 0.025 * H)
            c.fill(style.ink)
            local.polygon(c, [(-0.1 * H, 0.78 * H), (0.1 * H, 0.78 * H), (0.07 * H, H), (-0.07 * H, H)])
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            if v.light.isNight { c.radialGlow(local.x(0), local.y(0.85 * H), local.len(0.8 * H), RGB(hex: 0xFFD98A), 0.4) }
        case .box:
            box(0, 0, L, L * 0.8, 0, H)
            v.worldLine((x, y + H + 0.001, z - L * 0.4), (x, y + H + 0.001, z + L * 0.4), colour: RGB(hex: 0xB08850).shaded(0.2), width: max(1, local.len(0.05)))
        case .building:
            box(0, 0, L, L * 0.8, 0, H)
            var wy = 3.0
            while wy < H - 2 {
                var wx = -L / 2 + 1.5
                while wx < L / 2 - 1.5 {
                    v.worldPolygon([(x + wx, wy, z - L * 0.4 - 0.01), (x + wx + 1.4, wy, z - L * 0.4 - 0.01), (x + wx + 1.4, wy + 1.8, z - L * 0.4 - 0.01), (x + wx, wy + 1.8, z - L * 0.4 - 0.01)],
                                   fill: v.light.isNight ? RGB(hex: 0xF5D68A) : style.shade.mixed(v.light.skyTop, 0.3))
                    wx += 3
                }
                wy += 3.5
            }
        case .house:
            let wall = 0.6 * H
            box(0, 0, L, L * 0.7, 0, wall)
            let z0 = z - L * 0.35, z1 = z + L * 0.35
            v.worldPolygon([(x - L / 2 - 0.3, wall, z0 - 0.3), (x + L / 2 + 0.3, wall, z0 - 0.3), (x + L / 2 + 0.3, H, z), (x - L / 2 - 0.3, H, z)],
                           fill: v.tone(RGB(hex: 0x9A4E3E), distance: z), ink: style.ink, inkWidth: style.outline)
            _ = z1
            v.worldPolygon([(x - 0.5, 0, z0 - 0.01), (x + 0.5, 0, z0 - 0.01), (x + 0.5, 2.1, z0 - 0.01), (x - 0.5, 2.1, z0 - 0.01)],
                           fill: v.tone(RGB(hex: 0x5B4636), distance: z), ink: style.ink, inkWidth: style.outline)
            for wx in [-L * 0.3, L * 0.3] {
                v.worldPolygon([(x + wx - 0.6, 1.0, z0 - 0.01), (x + wx + 0.6, 1.0, z0 - 0.01), (x + wx + 0.6, 2.2, z0 - 0.01), (x + wx - 0.6, 2.2, z0 - 0.01)],
                               fill: v.light.isNight ? RGB(hex: 0xF5D68A) : v.light.skyHorizon.shaded(0.2), ink: style.ink, inkWidth: style.outline)
            }
        case .tree:
            SubjectPainter.tree(v, x: x, z: z, height: H, colour: SubjectStyle.defaultColour(s))
        case .plant:
            local.polygon(c, [(-0.16 * H, 0), (0.16 * H, 0), (0.2 * H, 0.3 * H), (-0.2 * H, 0.3 * H)])
            c.fillAndOutline(v.tone(RGB(hex: 0xB5703F), distance: z), ink: style.ink, width: style.outline)
            for k in 0..<7 {
                let a = -1.2 + 2.4 * Double(k) / 6
                local.ellipse(c, sin(a) * 0.3 * H, 0.3 * H + cos(a) * 0.4 * H, 0.09 * H, 0.2 * H)
                c.fillAndOutline(k % 2 == 0 ? style.base : style.shade, ink: style.ink, width: style.outline)
            }
        case .rock:
            let points = (0..<9).map { k -> (Double, Double) in
                let a = Double.pi * Double(k) / 8
                let r = 0.8 + 0.2 * v.jitter(k, 81 + s.phase)
                return (cos(a) * L / 2 * r, sin(a) * H * r)
            }
            local.polygon(c, points)
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
        case .umbrella:
            local.limb(c, [(0, 0), (0, H)], width: 0.03 * H, fill: style.ink, ink: style.ink, outline: 0)
            local.polygon(c, (0...12).map { k -> (Double, Double) in
                let a = Double.pi * Double(k) / 12
                return (cos(a) * L / 2, 0.78 * H + sin(a) * 0.22 * H)
            })
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
        case .bottle:
            local.roundedRect(c, -0.28 * L * 4, 0, 0.28 * L * 4, 0.62 * H, 0.1 * H * 0.3)
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            local.polygon(c, [(-0.28 * L * 4, 0.62 * H), (0.28 * L * 4, 0.62 * H), (0.1 * L * 4, 0.75 * H), (-0.1 * L * 4, 0.75 * H)])
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            local.roundedRect(c, -0.1 * L * 4, 0.75 * H, 0.1 * L * 4, 0.95 * H, 0.01 * H)
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            local.roundedRect(c, -0.11 * L * 4, 0.93 * H, 0.11 * L * 4, H, 0.01 * H)
            c.fillAndOutline(style.ink.lit(0.2), ink: style.ink, width: style.outline)
            local.roundedRect(c, -0.28 * L * 4, 0.22 * H, 0.28 * L * 4, 0.45 * H, 0)
            c.fillAndOutline(RGB(hex: 0xF1ECE0), ink: style.ink, width: style.outline)
            local.roundedRect(c, -0.18 * L * 4, 0.05 * H, -0.1 * L * 4, 0.58 * H, 0.02 * H)
            c.fill(RGB(1, 1, 1), 0.35)
        case .cup:
            local.polygon(c, [(-0.45 * L, H), (0.45 * L, H), (0.38 * L, 0), (-0.38 * L, 0)])
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            local.ellipse(c, 0.55 * L, 0.55 * H, 0.18 * L, 0.22 * H)
            c.stroke(style.ink, width: local.len(0.016) + 2 * style.outline)
            local.ellipse(c, 0.55 * L, 0.55 * H, 0.18 * L, 0.22 * H)
            c.stroke(style.base, width: local.len(0.016))
            local.ellipse(c, 0, H, 0.45 * L, 0.08 * H)
            c.fillAndOutline(RGB(hex: 0x6B4630), ink: style.ink, width: style.outline)
        case .phone:
            local.roundedRect(c, -L / 2, 0, L / 2, H, 0.12 * L)
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            local.roundedRect(c, -L / 2 + 0.006, 0.01, L / 2 - 0.006, H - 0.01, 0.08 * L)
            c.fill(v.light.isNight ? RGB(hex: 0x9FD0FF) : RGB(hex: 0x2C4A6E))
        case .laptop:
            box(0, 0, L, 0.23, 0, 0.015)
            v.worldPolygon([(x - L / 2, y + 0.015, z + 0.11), (x + L / 2, y + 0.015, z + 0.11), (x + L / 2, y + 0.23, z + 0.16), (x - L / 2, y + 0.23, z + 0.16)],
                           fill: style.base, ink: style.ink, inkWidth: style.outline)
            v.worldPolygon([(x - L / 2 + 0.015, y + 0.03, z + 0.105), (x + L / 2 - 0.015, y + 0.03, z + 0.105), (x + L / 2 - 0.015, y + 0.215, z + 0.15), (x - L / 2 + 0.015, y + 0.215, z + 0.15)],
                           fill: v.light.isNight ? RGB(hex: 0x9FD0FF) : RGB(hex: 0x2C4A6E))
        case .book:
            box(0, 0, L, 0.17, 0, 0.03)
        case .bag:
            local.polygon(c, [(-0.45 * L, 0), (0.45 * L, 0), (0.38 * L, 0.75 * H), (-0.38 * L, 0.75 * H)])
            c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
            local.ellipse(c, 0, 0.75 * H, 0.22 * L, 0.25 * H)
            c.stroke(style.ink, width: max(1, local.len(0.02)))
        case .fruit, .food:
            FoodPainter.paint(s, v, local: local, style: style)
        case .glass:
            TablewarePainter.paint(s, v, local: local, style: style)
        case .shoe, .watch, .camera:
            AccessoryPainter.paint(s, v, local: local, style: style)
        case .tower, .lighthouse, .stadium:
            LandmarkPainter.paint(s, v, local: local, style: style)
        case .water:
            WaterPainter.paint(s, v, style: style)
        case .sign:
            SignPainter.paint(s, v, local: local, style: style)
        default:
            placeholder(s, v, local: local, style: style)
        }
    }

    /// A thing the model has no drawing for: a dashed box with a cross and its name, as a storyboard artist marks it.
    static func placeholder(_ s: LaidOutSubject, _ v: View, local: Local, style: SubjectStyle) {
        let c = v.canvas
        let H = s.kind.size.height * s.scale
        let x0 = local.x(-H / 2), x1 = local.x(H / 2), y0 = local.y(H), y1 = local.y(0)
        let left = min(x0, x1), width = abs(x1 - x0)
        c.roundedRect(left, y0, width, y1 - y0, local.len(0.06))
        c.fill(style.base, 0.85)
        c.dashed(max(3, style.outline * 4), max(2, style.outline * 3))
        c.roundedRect(left, y0, width, y1 - y0, local.len(0.06))
        c.stroke(style.ink, width: style.outline * 1.2)
        c.solid()
        c.move(left, y0)
        c.line(left + width, y1)
        c.move(left + width, y0)
        c.line(left, y1)
        c.stroke(style.ink, width: style.outline * 0.7, alpha: 0.35)
        let text = (s.label ?? "prop").uppercased()
        let size = max(9, min(width / Double(max(4, text.count)) * 1.5, (y1 - y0) * 0.3))
        c.roundedRect(left + width * 0.08, (y0 + y1) / 2 - size * 0.75, width * 0.84, size * 1.5, size * 0.3)
        c.fill(RGB(1, 1, 1), 0.85)
        c.label(text, x: left + width / 2, y: (y0 + y1) / 2, size: size, colour: style.ink)
    }
}
