import Drawing
import Foundation

/// Sky, ground and the lasting features of outdoor settings.
enum ExteriorPainter {
    static func paint(_ v: View) {
        let c = v.canvas
        let style = GroundStyle(v.layout.setting)
        let horizon = v.horizonY
        if v.isOverhead {
            OverheadGroundPainter.paint(v, style: style)
            return
        }
        // Sky.
        c.rect(-v.w, -v.h, 3 * v.w, max(0, horizon + v.h))
        c.verticalGradient(0, v.light.skyTop, max(1, horizon), v.light.skyHorizon)
        paintSunAndSky(v)
        backdropAboveHorizon(v)
        // Ground: far colour at the horizon, near colour at the bottom.
        c.rect(-v.w, horizon, 3 * v.w, 2 * v.h)
        c.verticalGradient(horizon, v.tone(style.far, distance: 120), max(horizon + 1, v.h), v.tone(style.near, distance: 5))
        groundFeatures(v)
    }

    static func paintSunAndSky(_ v: View) {
        let c = v.canvas
        let horizon = v.horizonY
        let sx = v.w / 2 + v.layout.sunX * v.w * 0.42
        let sy = horizon - (v.layout.sunElevation * 0.9 + 0.05) * min(horizon, v.h * 0.8)
        let r = v.h * 0.045
        if v.light.isNight {
            for i in 0..<60 {
                let x = v.jitter(i, 1) * v.w, y = v.jitter(i, 2) * max(0, horizon - 10)
                c.circle(x, y, 0.6 + v.jitter(i, 3) * 1.2)
                c.fill(RGB(1, 1, 0.95), 0.5 + 0.5 * v.jitter(i, 4))
            }
            c.radialGlow(sx, sy, r * 4, v.light.sun, 0.25)
            c.circle(sx, sy, r * 0.8)
            c.fill(v.light.sun)
            c.circle(sx + r * 0.35, sy - r * 0.2, r * 0.7)
            c.fill(v.light.skyTop.mixed(v.light.skyHorizon, 0.3))
            return
        }
        if v.layout.timeOfDay == .dusk {
            c.radialGlow(sx, horizon, v.w * 0.35, v.light.skyHorizon.lit(0.3), 0.5)
            return
        }
        c.radialGlow(sx, sy, r * 6, v.light.sun, 0.45)
        c.circle(sx, sy, r)
        c.fill(v.light.sun.lit(0.3))
        if v.layout.timeOfDay == .day || v.layout.timeOfDay == .goldenHour {
            for i in 0..<4 {
                let cx = v.jitter(i, 7) * v.w, cy = (0.1 + 0.5 * v.jitter(i, 8)) * max(1, horizon)
                let cw = v.w * (0.08 + 0.1 * v.jitter(i, 9))
                for k in 0..<4 {
                    c.ellipse(cx + Double(k - 2) * cw * 0.35, cy - (k % 2 == 0 ? 0 : cw * 0.12), cw * 0.35, cw * 0.16)
                }
                c.fill(RGB(1, 1, 1).mixed(v.light.skyHorizon, 0.3), 0.55)
            }
        }
    }

    /// Things that rise above the horizon: skylines, hills, ridges, tree lines.
    static func backdropAboveHorizon(_ v: View) {
        let c = v.canvas
        let b = v.layout.backdrop
        switch v.layout.setting {
        case .mountains, .field, .desert, .lake, .road, .park:
            let ridges: Int
            switch v.layout.setting {
            case .mountains: ridges = 3
            case .desert: ridges = 1
            default: ridges = 2
            }
            for k in 0..<ridges {
                let depth = 900.0 - Double(k) * 250
                let peak = v.layout.setting == .mountains ? 260.0 - Double(k) * 60 : 40.0 - Double(k) * 10
                let colour = v.tone(RGB(hex: v.layout.setting == .desert ? 0xC9A27A : 0x6F8466).shaded(0.1 * Double(k)), distance: depth)
                var points: [(Double, Double)] = [(-v.w, v.horizonY + 2)]
                let span = v.halfWidth(atDepth: depth) * 3
                let steps = v.layout.setting == .mountains ? 9 : 6
                for s in 0...steps {
                    let x = -span + 2 * span * Double(s) / Double(steps)
                    let up = peak * (0.35 + 0.65 * v.jitter(s + 10 * k, 5 + b[1]))
                    let height = v.layout.setting == .mountains && s % 2 == 1 ? up * 0.45 : up
                    if let p = v.project(x, height, depth) { points.append((p.x, p.y)) }
                }
                points.append((2 * v.w, v.horizonY + 2))
                c.polygon(points)
                c.fill(colour)
                if v.layout.setting == .mountains && k == 0 {
                    // Snow on the far peaks.
                    for s in stride(from: 0, through: steps, by: 2) {
                        let x = -span + 2 * span * Double(s) / Double(steps)
                        let up = peak * (0.35 + 0.65 * v.jitter(s, 5 + b[1]))
                        guard let top = v.project(x, up, depth), let side = v.project(x + span / Double(steps) * 0.35, up * 0.8, depth),
                              let side2 = v.project(x - span / Double(steps) * 0.35, up * 0.8, depth) else { continue }
                        c.polygon([(top.x, top.y), (side.x, side.y), (side2.x, side2.y)])
                        c.fill(v.tone(RGB(0.97, 0.97, 1), distance: depth * 0.5))
                    }
                }
            }
            if v.layout.setting == .lake || v.layout.setting == .park {
                treeLine(v, depth: 220, height: 12, colour: RGB(hex: 0x4E6B45))
            }
        case .cityStreet, .rooftop:
            skyline(v, depth: v.layout.setting == .rooftop ? 260 : 70, rows: v.layout.setting == .rooftop ? 2 : 1)
        case .forest:
            treeLine(v, depth: 120, height: 18, colour: RGB(hex: 0x3F5A3A))
        case .beach:
            break
        default:
            break
        }
    }

    static func treeLine(_ v: View, depth: Double, height: Double, colour: RGB) {
        let span = v.halfWidth(atDepth: depth) * 1.3
        let tone = v.tone(colour, distance: depth)
        var x = -span
        var i = 0
        while x < span && i < 200 {
            let r = height * (0.3 + 0.25 * v.jitter(i, 11))
            if let p = v.project(x, r * 1.3, depth) {
                v.canvas.circle(p.x, p.y, r * v.scale(atDepth: depth))
                v.canvas.fill(tone)
            }
            x += r * 1.1
            i += 1
        }
        if let l = v.project(-span, 0, depth), let rr = v.project(span, height * 0.5, depth) {
            v.canvas.rect(l.x, rr.y, rr.x - l.x, l.y - rr.y + 1)
            v.canvas.fill(tone)
        }
    }

    static func skyline(_ v: View, depth: Double, rows: Int) {
        let c = v.canvas
        for row in 0..<rows {
            let z = depth * (1 + Double(row) * 0.6)
            let span = v.halfWidth(atDepth: z) * 1.2
            var x = -span
            var i = row * 50
            let base = v.tone(RGB(hex: 0x8C8A96).shaded(Double(rows - 1 - row) * 0.15), distance: z)
            while x < span && i < row * 50 + 60 {
                let bw = 8 + 14 * v.jitter(i, 21 + v.layout.backdrop[0])
                let bh = 12 + 40 * v.jitter(i, 22)
                v.worldPolygon([(x, 0, z), (x + bw, 0, z), (x + bw, bh, z), (x, bh, z)], fill: base.mixed(v.light.haze, 0.1 * v.jitter(i, 23)),
                               ink: v.light.ink.mixed(base, 0.6), inkWidth: 1)
                // Windows: lit at night, dark by day.
                let windowColour = v.light.isNight ? RGB(hex: 0xF5D68A) : base.shaded(0.25)
                var wy = 3.0
                while wy < bh - 2 {
                    var wx = x + 1.5
                    while wx < x + bw - 1.5 {
                        if !v.light.isNight || v.jitter(Int(wx * 7 + wy * 13) + i, 24) > 0.45 {
                            v.worldPolygon([(wx, wy, z), (wx + 1.2, wy, z), (wx + 1.2, wy + 1.6, z), (wx, wy + 1.6, z)],
                                           fill: windowColour, alpha: v.light.isNight ? 0.9 : 0.5)
                        }
                        wx += 3
                    }
                    wy += 3.5
                }
                x += bw + 1 + 3 * v.jitter(i, 25)
                i += 1
            }
        }
        _ = c
    }

    /// Features on the ground plane: sea, road, paths, kerbs.
    static func groundFeatures(_ v: View) {
        let c = v.canvas
        let b = v.layout.backdrop
        let far = 3000.0
        switch v.layout.setting {
        case .beach, .lake:
            let shore = (v.layout.setting == .beach ? 26.0 : 32.0) + 12 * b[0]
            let span = v.halfWidth(atDepth: far) * 1.5
            let water = v.tone(RGB(hex: v.layout.setting == .beach ? 0x5F8FB0 : 0x6A93A8), distance: 60)
            let tilt = 6 * b[3]
            v.worldPolygon([(-span, 0, far), (span, 0, far), (span, 0, shore - tilt), (-span, 0, shore + tilt)], fill: water)
            // Glints of the low sun on the water, widening towards the viewer.
            if [.sunset, .goldenHour, .dawn].contains(v.layout.timeOfDay), let near = v.project(0, 0, shore) {
                let sx = v.w / 2 + v.layout.sunX * v.w * 0.42
                for k in 0..<7 {
                    let t = (Double(k) + 0.5) / 7
                    let y = v.horizonY + (near.y - v.horizonY) * t * t
                    let half = v.w * (0.01 + 0.05 * t)
                    c.move(sx - half, y)
                    c.line(sx + half, y)
                    c.stroke(v.light.sun.lit(0.2), width: 1 + 2 * t, alpha: 0.7)
                }
            }
            // Wave lines, denser near the shore.
            for k in 0..<9 {
                let z = shore + pow(Double(k + 1), 1.8) * 4
                let half = v.halfWidth(atDepth: z) * 1.1
                var x = -half + half * 0.3 * v.jitter(k, 31)
                while x < half {
                    let len = half * (0.08 + 0.12 * v.jitter(Int(x) + k, 32))
                    v.worldLine((x, 0, z + 0.01 * x), (x + len, 0, z), colour: RGB(1, 1, 1).mixed(water, 0.35),
                                width: max(1, 2.5 - Double(k) * 0.2), alpha: 0.8)
                    x += len * 1.8
                }
            }
            // Foam line along the shore.
            let half = v.halfWidth(atDepth: shore) * 1.2
            var points: [(Double, Double)] = []
            for s in 0...40 {
                let x = -half + 2 * half * Double(s) / 40
                let z = shore + tilt * (-x / max(1, half)) + 0.6 * sin(Double(s) * 1.3 + b[1] * 4)
                if let p = v.project(x, 0, z) { points.append((p.x, p.y)) }
            }
            if let first = points.first {
                c.move(first.0, first.1)
                for p in points.dropFirst() { c.line(p.0, p.1) }
                c.stroke(RGB(1, 1, 1), width: 3, alpha: 0.85)
            }
        case .road, .cityStreet:
            let half = v.layout.setting == .road ? 3.6 : 5.0
            let asphalt = v.tone(RGB(hex: 0x5E6066), distance: 30)
            v.worldPolygon([(-half + b[0], 0, far), (half + b[0], 0, far), (half, 0, 0.5), (-half, 0, 0.5)], fill: asphalt)
            // Dashed centre line.
            var z = 1.5
            while z < 250 {
                v.worldPolygon([(-0.08, 0, z), (0.08, 0, z), (0.08, 0, z + 3), (-0.08, 0, z + 3)],
                               fill: v.tone(RGB(hex: 0xE8E2C8), distance: z))
                z += 9
            }
            if v.layout.setting == .cityStreet {
                for side in [-1.0, 1.0] {
                    v.worldLine((side * half, 0, 0.5), (side * half, 0, far), colour: RGB(hex: 0xD7D7D2), width: 2)
                    // Street lamps along the kerb.
                    var lz = 8.0 + 6 * b[2]
                    while lz < 90 {
                        v.worldLine((side * (half + 0.6), 0, lz), (side * (half + 0.6), 5.5, lz), colour: v.tone(RGB(hex: 0x3A3D44), distance: lz), width: max(1, v.scale(atDepth: lz) * 0.12))
                        if let p = v.project(side * (half + 0.2), 5.5, lz) {
                            c.circle(p.x, p.y, max(1.5, v.scale(atDepth: lz) * 0.25))
                            c.fill(v.light.isNight ? RGB(hex: 0xFFE2A0) : RGB(hex: 0x52555C))
                            if v.light.isNight { c.radialGlow(p.x, p.y, v.scale(atDepth: lz) * 3, RGB(hex: 0xFFD98A), 0.35) }
                        }
                        lz += 24
                    }
                }
            }
        case .park:
            let path = v.tone(RGB(hex: 0xCDB995), distance: 20)
            let bend = 6 * b[0]
            v.worldPolygon([(-1.2 + bend, 0, 200), (1.2 + bend, 0, 200), (1.4, 0, 1), (-1.4, 0, 1)], fill: path)
            for i in 0..<6 {
                let z = 18 + 40 * v.jitter(i, 41)
                let x = (v.jitter(i, 42) - 0.5) * 2 * v.halfWidth(atDepth: z)
                SubjectPainter.tree(v, x: x, z: z, height: 7 + 4 * v.jitter(i, 43), colour: RGB(hex: 0x5C8048))
            }
        case .forest:
            for i in 0..<14 {
                let z = 10 + 70 * v.jitter(i, 51)
                let x = (v.jitter(i, 52) - 0.5) * 2.2 * v.halfWidth(atDepth: z)
                SubjectPainter.tree(v, x: x, z: z, height: 12 + 8 * v.jitter(i, 53), colour: RGB(hex: 0x45663D))
            }
        case .field:
            // A fence line across the middle distance.
            let z = 22 + 8 * b[0]
            let half = v.halfWidth(atDepth: z) * 1.3
            var x = -half
            while x < half {
                v.worldLine((x, 0, z), (x, 1.1, z), colour: v.tone(RGB(hex: 0x6B5640), distance: z), width: max(1, v.scale(atDepth: z) * 0.1))
                x += 3
            }
            v.worldLine((-half, 0.9, z), (half, 0.9, z), colour: v.tone(RGB(hex: 0x6B5640), distance: z), width: max(1, v.scale(atDepth: z) * 0.05))
            v.worldLine((-half, 0.5, z), (half, 0.5, z), colour: v.tone(RGB(hex: 0x6B5640), distance: z), width: max(1, v.scale(atDepth: z) * 0.05))
        case .desert:
            for k in 0..<5 {
                let z = 12 + pow(Double(k + 1), 2) * 6
                let half = v.halfWidth(atDepth: z) * 1.2
                var points: [(Double, Double)] = []
                for s in 0...30 {
                    let x = -half + 2 * half * Double(s) / 30
                    if let p = v.project(x, 1.5 * (1 + sin(Double(s) * 0.5 + Double(k) + b[1] * 3)), z) { points.append((p.x, p.y)) }
                }
                guard let first = points.first else { continue }
                c.move(first.0, first.1)
                for p in points.dropFirst() { c.line(p.0, p.1) }
                c.stroke(v.tone(RGB(hex: 0xB88E5C), distance: z), width: 1.5, alpha: 0.7)
            }
        case .rooftop:
            // The roof's edge: a parapet beyond which the city starts.
            let z = 30 + 6 * b[0]
            let parapet = v.tone(RGB(hex: 0x8E8780), distance: z)
            let half = v.halfWidth(atDepth: z) * 1.5
            v.worldPolygon([(-half, 0, z), (half, 0, z), (half, 1.0, z), (-half, 1.0, z)], fill: parapet, ink: v.light.ink, inkWidth: 2)
            v.worldPolygon([(-half, 1.0, z), (half, 1.0, z), (half, 1.0, z + 0.35), (-half, 1.0, z + 0.35)], fill: parapet.lit(0.15))
        default:
            break
        }
    }
}
