import Drawing
import Foundation
import Imaging
import Project

/// Storyboard arrows for a camera move, drawn over a finished keyframe for boards (never into the keyframe
/// itself, which the animatic moves over instead).
enum CameraMoveOverlay {
    static func draw(_ move: CameraMove, on frame: Frame) -> Frame {
        guard move != .static else { return frame }
        let c = Canvas(width: frame.width, height: frame.height, strokes: .marker)
        c.draw(frame)
        let w = c.w, h = c.h
        let white = RGB(1, 1, 1), ink = RGB(0.1, 0.1, 0.12)
        let stroke = max(2, h / 90)
        func arrow(from a: (Double, Double), to b: (Double, Double)) {
            let dx = b.0 - a.0, dy = b.1 - a.1
            let len = max(1, (dx * dx + dy * dy).squareRoot())
            let ux = dx / len, uy = dy / len
            let head = max(8, h / 22)
            for (colour, width) in [(ink, stroke * 2.2), (white, stroke)] {
                c.move(a.0, a.1)
                c.line(b.0 - ux * head * 0.6, b.1 - uy * head * 0.6)
                c.stroke(colour, width: width)
            }
            c.polygon([(b.0, b.1), (b.0 - ux * head - uy * head * 0.6, b.1 - uy * head + ux * head * 0.6),
                       (b.0 - ux * head + uy * head * 0.6, b.1 - uy * head - ux * head * 0.6)])
            c.fillAndOutline(white, ink: ink, width: stroke * 0.6)
        }
        switch move {
        case .pushIn, .pullOut:
            // The end frame as a dashed rectangle, corner arrows between it and the frame edge.
            let inset = 0.2
            let ix = w * inset, iy = h * inset
            c.dashed(stroke * 3, stroke * 2)
            c.rect(ix, iy, w - 2 * ix, h - 2 * iy)
            c.stroke(ink, width: stroke * 1.6)
            c.rect(ix, iy, w - 2 * ix, h - 2 * iy)
            c.stroke(white, width: stroke * 0.8)
            c.solid()
            let corners = [(0.04, 0.06), (0.96, 0.06), (0.04, 0.94), (0.96, 0.94)]
            for (fx, fy) in corners {
                let outer = (w * fx, h * fy)
                let inner = (ix + (w - 2 * ix) * (fx < 0.5 ? 0 : 1) + (fx < 0.5 ? 8 : -8), iy + (h - 2 * iy) * (fy < 0.5 ? 0 : 1) + (fy < 0.5 ? 8 : -8))
                if move == .pushIn { arrow(from: outer, to: inner) } else { arrow(from: inner, to: outer) }
            }
        case .panLeft: arrow(from: (w * 0.7, h * 0.5), to: (w * 0.3, h * 0.5))
        case .panRight: arrow(from: (w * 0.3, h * 0.5), to: (w * 0.7, h * 0.5))
        case .tiltUp: arrow(from: (w * 0.5, h * 0.72), to: (w * 0.5, h * 0.28))
        case .tiltDown: arrow(from: (w * 0.5, h * 0.28), to: (w * 0.5, h * 0.72))
        case .static: break
        }
        return c.frame()
    }
}
