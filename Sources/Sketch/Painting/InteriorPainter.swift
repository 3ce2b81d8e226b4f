import Drawing
import Foundation

/// Rooms: back wall, side walls, floor and the fittings that say which room it is.
enum InteriorPainter {
    static func paint(_ v: View) {
        let c = v.canvas
        let style = GroundStyle(v.layout.setting)
        let b = v.layout.backdrop
        if v.isOverhead {
            OverheadGroundPainter.paint(v, style: style)
            return
        }
        let primaryZ = v.layout.subjects.first { $0.isPrimary }?.z ?? 4
        let depth = max(3.5, primaryZ + 2.5 + b[1])
        let ceiling = v.layout.setting == .warehouse ? 8.0 : 2.8
        let half = max(4.5, v.halfWidth(atDepth: depth) * 1.1)
        let wall = v.tone(style.wall, distance: depth)
        let night = v.light.isNight
        let wallLit = night ? wall.shaded(0.3) : wall
        // Everything first in wall colour (ceiling and side walls show through where nothing else is drawn).
        c.rect(-v.w, -v.h, 3 * v.w, 3 * v.h)
        c.fill(wallLit.shaded(0.12))
        if v.layout.setting == .studio {
            // A seamless cyclorama: floor sweeps into the wall with no edge.
            guard let base = v.project(0, 0, depth) else { return }
            c.rect(-v.w, -v.h, 3 * v.w, base.y + v.h)
            c.verticalGradient(0, wallLit, base.y, wallLit.mixed(style.near, 0.4))
            c.rect(-v.w, base.y, 3 * v.w, 2 * v.h)
            c.verticalGradient(base.y, wallLit.mixed(style.near, 0.4), v.h, v.tone(style.near, distance: 2))
            c.radialGlow(v.w / 2, base.y - v.h * 0.1, v.w * 0.5, RGB(1, 1, 1), night ? 0.1 : 0.35)
            return
        }
        // Back wall and floor.
        v.worldPolygon([(-half, 0, depth), (half, 0, depth), (half, ceiling, depth), (-half, ceiling, depth)], fill: wallLit)
        v.worldPolygon([(-half, 0, 0.3), (half, 0, 0.3), (half, 0, depth), (-half, 0, depth)], fill: v.tone(style.near, distance: 3))
        // Side walls.
        for side in [-1.0, 1.0] {
            v.worldPolygon([(side * half, 0, 0.3), (side * half, 0, depth), (side * half, ceiling, depth), (side * half, ceiling, 0.3)],
                           fill: wallLit.shaded(side < 0 ? 0.08 : 0.16))
        }
        // Floor boards or tiles converging on the back wall.
        let ink = v.light.ink
        let tiled = [.kitchen, .shop, .office, .warehouse].contains(v.layout.setting)
        var x = -half
        while x <= half {
            v.worldLine((x, 0, 0.3), (x, 0, depth), colour: ink, width: 1, alpha: 0.18)
            x += tiled ? 0.6 : 0.25
        }
        if tiled {
            var z = 0.6
            while z < depth {
                v.worldLine((-half, 0, z), (half, 0, z), colour: ink, width: 1, alpha: 0.18)
                z += 0.6
            }
        }
        // Skirting and corners.
        v.worldLine((-half, 0, depth), (half, 0, depth), colour: ink, width: 2, alpha: 0.6)
        for side in [-1.0, 1.0] { v.worldLine((side * half, 0, depth), (side * half, ceiling, depth), colour: ink, width: 1.5, alpha: 0.4) }
        fittings(v, depth: depth, half: half, ceiling: ceiling, wall: wallLit)
    }

    static func fittings(_ v: View, depth: Double, half: Double, ceiling: Double, wall: RGB) {
        let b = v.layout.backdrop
        let ink = v.light.ink
        let d = depth - 0.01
        func window(at x: Double, width: Double, sill: Double, top: Double) {
            let sky = v.light.skyHorizon.mixed(v.light.skyTop, 0.3)
            v.worldPolygon([(x - width / 2, sill, d), (x + width / 2, sill, d), (x + width / 2, top, d), (x - width / 2, top, d)],
                           fill: sky, ink: ink, inkWidth: 2)
            v.worldLine((x, sill, d), (x, top, d), colour: wall.lit(0.3), width: 3)
            v.worldLine((x - width / 2, (sill + top) / 2, d), (x + width / 2, (sill + top) / 2, d), colour: wall.lit(0.3), width: 3)
            if !v.light.isNight {
                // Light falling through it onto the floor.
                let lean = v.layout.lightFromLeft ? 1.2 : -1.2
                v.worldPolygon([(x - width / 2, 0, d - 0.2), (x + width / 2, 0, d - 0.2), (x + width / 2 + lean, 0, d - 2.2), (x - width / 2 + lean, 0, d - 2.2)],
                               fill: v.light.sun, alpha: 0.18)
            }
        }
        switch v.layout.setting {
        case .livingRoom, .bedroom:
            let wx = 1.6 * (b[0] < 0 ? -1 : 1) + 0.5 * b[0]
            window(at: wx, width: 1.6, sill: 0.8, top: 2.3)
            // A framed picture on the other side.
            let px = -wx * 0.9
            v.worldPolygon([(px - 0.45, 1.3, d), (px + 0.45, 1.3, d), (px + 0.45, 1.9, d), (px - 0.45, 1.9, d)],
                           fill: RGB(hex: 0x9DB3C4).mixed(wall, 0.3), ink: ink, inkWidth: 2)
        case .kitchen:
            let counter = v.tone(RGB(hex: 0xB9B0A3), distance: depth)
            v.worldPolygon([(-half, 0, d - 0.6), (half, 0, d - 0.6), (half, 0.9, d - 0.6), (-half, 0.9, d - 0.6)], fill: counter, ink: ink, inkWidth: 1.5)
            v.worldPolygon([(-half, 0.9, d - 0.6), (half, 0.9, d - 0.6), (half, 0.9, d), (-half, 0.9, d)], fill: counter.lit(0.3))
            var x = -half
            while x < half {
                v.worldLine((x, 0.1, d - 0.6), (x, 0.85, d - 0.6), colour: ink, width: 1, alpha: 0.5)
                x += 0.6
            }
            v.worldPolygon([(-half, 1.5, d), (half, 1.5, d), (half, 2.2, d), (-half, 2.2, d)], fill: counter.lit(0.1), ink: ink, inkWidth: 1.5)
            window(at: 1.2 * b[0], width: 1.0, sill: 1.05, top: 1.45)
        case .office:
            var x = -half + 0.3
            while x < half - 0.3 {
                window(at: x + 0.6, width: 1.1, sill: 0.9, top: 2.5)
                x += 1.4
            }
        case .cafe:
            let counter = v.tone(RGB(hex: 0x7A543A), distance: depth)
            let cx = 2.0 * (b[0] < 0 ? -1 : 1)
            v.worldPolygon([(cx - 1.5, 0, d - 0.8), (cx + 1.5, 0, d - 0.8), (cx + 1.5, 1.05, d - 0.8), (cx - 1.5, 1.05, d - 0.8)], fill: counter, ink: ink, inkWidth: 1.5)
            v.worldPolygon([(-cx - 0.7, 1.3, d), (-cx + 0.7, 1.3, d), (-cx + 0.7, 2.1, d), (-cx - 0.7, 2.1, d)], fill: RGB(hex: 0x2F3A33), ink: ink, inkWidth: 2)
            for k in 0..<3 {
                let lx = -1.5 + 1.5 * Double(k)
                v.worldLine((lx, ceiling, d - 1.5), (lx, 2.1, d - 1.5), colour: ink, width: 1)
                if let p = v.project(lx, 2.05, d - 1.5) {
                    v.canvas.circle(p.x, p.y, max(2, v.scale(atDepth: d - 1.5) * 0.15))
                    v.canvas.fill(RGB(hex: 0xFFD98A))
                }
            }
        case .shop:
            for row in 0..<4 {
                let y = 0.4 + Double(row) * 0.5
                v.worldLine((-half, y, d), (half, y, d), colour: ink, width: 2, alpha: 0.7)
                var x = -half + 0.1
                var i = row * 40
                while x < half {
                    let bw = 0.15 + 0.2 * v.jitter(i, 61)
                    let colour = [RGB(hex: 0xC96B5B), RGB(hex: 0x5B8AC9), RGB(hex: 0xE0C15A), RGB(hex: 0x6FAE7C)][i % 4]
                    v.worldPolygon([(x, y, d), (x + bw, y, d), (x + bw, y + 0.3, d), (x, y + 0.3, d)], fill: v.tone(colour, distance: depth), alpha: 0.85)
                    x += bw + 0.05
                    i += 1
                }
            }
        case .warehouse:
            let door = v.tone(RGB(hex: 0x9AA0A6), distance: depth)
            let dx = 2.5 * b[0]
            v.worldPolygon([(dx - 2, 0, d), (dx + 2, 0, d), (dx + 2, 4, d), (dx - 2, 4, d)], fill: door, ink: ink, inkWidth: 2)
            var y = 0.3
            while y < 4 {
                v.worldLine((dx - 2, y, d), (dx + 2, y, d), colour: ink, width: 1, alpha: 0.4)
                y += 0.3
            }
            var z = 1.0
            while z < depth {
                v.worldLine((-half, ceiling - 0.3, z), (half, ceiling - 0.3, z), colour: ink, width: 3, alpha: 0.6)
                z += 3
            }
        default:
            break
        }
        if v.light.isNight {
            // A warm lamp pool so night interiors read as lit rooms.
            if let p = v.project(-1.5 * (b[0] < 0 ? -1 : 1), 1.5, depth - 0.3) {
                v.canvas.radialGlow(p.x, p.y, v.w * 0.35, RGB(hex: 0xFFCF87), 0.35)
            }
        }
    }
}
