import Drawing
import Foundation
import Imaging

/// Storyboard arrows for how subjects move in a shot, drawn over a finished key drawing for boards (beside the
/// camera-move arrows): each travelling subject's screen path as a curved arrow in a warm colour, so subject and
/// camera motion read apart; and the clip's last drawing as an inset for `--board-frames first-last`.
enum SubjectMotionOverlay {
    /// `paths` are points in 0...1 of the frame (x right, y down), one path per travelling subject.
    static func draw(_ paths: [[(Double, Double)]], on frame: Frame) -> Frame {
        guard !paths.isEmpty else { return frame }
        let c = Canvas(width: frame.width, height: frame.height, strokes: .marker)
        c.draw(frame)
        let w = c.w, h = c.h
        let warm = RGB(hex: 0xF2A33A), ink = RGB(0.1, 0.1, 0.12)
        let stroke = max(2, h / 100)
        for path in paths {
            // The part of the path inside the panel (a subject may leave the frame), without the repeats of a stop.
            var points: [(Double, Double)] = []
            for p in path {
                guard (0.02...0.98).contains(p.0), (0.02...0.98).contains(p.1) else {
                    if points.isEmpty { continue } else { break }
                }
                let q = (p.0 * w, p.1 * h)
                if let l = points.last, abs(l.0 - q.0) + abs(l.1 - q.1) < 1 { continue }
                points.append(q)
            }
            guard let last = points.last, points.count >= 2 else { continue }
            let before = points[points.count - 2]
            let dx = last.0 - before.0, dy = last.1 - before.1
            let len = (dx * dx + dy * dy).squareRoot()
            guard len > 0.5 else { continue }
            let ux = dx / len, uy = dy / len
            let head = max(8, h / 20)
            for (colour, width) in [(ink, stroke * 2.4), (warm, stroke)] {
                c.move(points[0].0, points[0].1)
                for p in points.dropFirst().dropLast() { c.line(p.0, p.1) }
                c.line(last.0 - ux * head * 0.6, last.1 - uy * head * 0.6)
                c.stroke(colour, width: width)
            }
            c.polygon([(last.0, last.1), (last.0 - ux * head - uy * head * 0.6, last.1 - uy * head + ux * head * 0.6),
                       (last.0 - ux * head + uy * head * 0.6, last.1 - uy * head - ux * head * 0.6)])
            c.fillAndOutline(warm, ink: ink, width: stroke * 0.6)
        }
        return c.frame()
    }

    /// The first drawing with the last one inset at a third of its size in the lower right corner, framed in white.
    static func firstAndLast(first: Frame, last: Frame) -> Frame {
        let inset = last.resized(width: max(1, first.width / 3), height: max(1, first.height / 3))
        let margin = max(2, first.height / 30), border = max(1, first.height / 200)
        var out = first
        let x0 = first.width - inset.width - margin, y0 = first.height - inset.height - margin
        for y in max(0, y0 - border)..<min(first.height, y0 + inset.height + border) {
            for x in max(0, x0 - border)..<min(first.width, x0 + inset.width + border) {
                let o = (y * first.width + x) * 4
                let ix = x - x0, iy = y - y0
                if ix >= 0, iy >= 0, ix < inset.width, iy < inset.height {
                    let i = (iy * inset.width + ix) * 4
                    for ch in 0..<4 { out.pixels[o + ch] = inset.pixels[i + ch] }
                } else {
                    for ch in 0..<4 { out.pixels[o + ch] = 255 }
                }
            }
        }
        return out
    }
}
