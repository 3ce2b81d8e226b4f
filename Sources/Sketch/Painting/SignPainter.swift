import Drawing
import Foundation

/// A sign, poster or billboard: a board on posts with its noun lettered on it, as boards mark signage.
enum SignPainter {
    static func paint(_ s: LaidOutSubject, _ v: View, local: Local, style: SubjectStyle) {
        let c = v.canvas
        let L = s.kind.size.length * s.scale, H = s.kind.size.height * s.scale
        for x in [-0.32 * L, 0.32 * L] {
            local.limb(c, [(x, 0), (x, 0.55 * H)], width: 0.05 * L, fill: v.tone(RGB(hex: 0x6B6F76), distance: s.z), ink: style.ink, outline: style.outline * 0.6)
        }
        local.roundedRect(c, -0.5 * L, 0.5 * H, 0.5 * L, H, 0.02 * L)
        c.fillAndOutline(style.base, ink: style.ink, width: style.outline)
        local.roundedRect(c, -0.45 * L, 0.54 * H, 0.45 * L, 0.96 * H, 0.015 * L)
        c.stroke(RGB(hex: 0xF4F1EA), width: max(1, style.outline))
        let text = (s.label ?? "sign").uppercased()
        let width = local.len(0.8 * L)
        let size = max(6, min(width / Double(max(3, text.count)) * 1.5, local.len(0.2 * H)))
        c.label(text, x: local.x(0), y: local.y(0.75 * H), size: size, colour: RGB(hex: 0xF4F1EA))
    }
}
