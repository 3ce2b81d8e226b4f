import Drawing
import Foundation

extension View {
    /// Fills a polygon given in world metres; skipped when a corner is behind the camera.
    func worldPolygon(_ points: [(Double, Double, Double)], fill c: RGB, alpha: Double = 1, ink: RGB? = nil, inkWidth: Double = 1) {
        var screen: [(Double, Double)] = []
        for p in points {
            guard let s = project(p.0, p.1, p.2) else { return }
            screen.append((s.x, s.y))
        }
        canvas.polygon(screen)
        if let ink { canvas.fillAndOutline(c, ink: ink, width: inkWidth, alpha: alpha) } else { canvas.fill(c, alpha) }
    }

    /// A world-space line.
    func worldLine(_ a: (Double, Double, Double), _ b: (Double, Double, Double), colour: RGB, width: Double, alpha: Double = 1) {
        guard let p = project(a.0, a.1, a.2), let q = project(b.0, b.1, b.2) else { return }
        canvas.move(p.x, p.y)
        canvas.line(q.x, q.y)
        canvas.stroke(colour, width: width, alpha: alpha)
    }

    /// World x at the left and right frame edges for a depth (how wide the view is there).
    func halfWidth(atDepth z: Double) -> Double { z * (w / 2) / focal }
}
