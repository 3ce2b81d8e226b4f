import Drawing
import Foundation

/// A pool, pond or stretch of water as a subject: a flat patch on the ground with ripples, taking the camera's
/// perspective like the ground does.
enum WaterPainter {
    static func paint(_ s: LaidOutSubject, _ v: View, style: SubjectStyle) {
        let L = s.kind.size.length * s.scale
        let water = v.tone(s.colour.map { RGB($0.rgb.r, $0.rgb.g, $0.rgb.b) } ?? RGB(hex: 0x4F8DB8), distance: s.z)
        func ring(_ rx: Double, _ rz: Double) -> [(Double, Double, Double)] {
            (0..<24).map { k in
                let a = 2 * Double.pi * Double(k) / 24
                return (s.x + cos(a) * rx, s.elevation + 0.01, s.z + sin(a) * rz)
            }
        }
        v.worldPolygon(ring(L / 2 + 0.15, L / 3 + 0.15), fill: v.tone(RGB(hex: 0xD8D2C4), distance: s.z), ink: style.ink, inkWidth: style.outline)
        v.worldPolygon(ring(L / 2, L / 3), fill: water, ink: style.ink, inkWidth: style.outline)
        for k in 1...3 {
            let f = 0.25 * Double(k)
            v.worldLine((s.x - L * 0.3 * f - 0.3, s.elevation + 0.02, s.z - L / 3 * (0.6 - f)),
                        (s.x + L * 0.3 * f + 0.3, s.elevation + 0.02, s.z - L / 3 * (0.6 - f)),
                        colour: water.lit(0.35), width: max(1, style.outline))
        }
    }
}
