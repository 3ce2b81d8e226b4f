import Drawing

/// Local drawing coordinates for one subject: metres from its base point, x forward (the way it faces), y up.
struct Local {
    let baseX: Double
    let baseY: Double
    /// Pixels per metre.
    let ppm: Double
    /// +1 faces screen right, -1 screen left.
    let flip: Double

    func x(_ lx: Double) -> Double { baseX + lx * ppm * flip }
    func y(_ ly: Double) -> Double { baseY - ly * ppm }
    func p(_ lx: Double, _ ly: Double) -> (Double, Double) { (x(lx), y(ly)) }
    func len(_ l: Double) -> Double { l * ppm }

    func polygon(_ c: Canvas, _ points: [(Double, Double)]) {
        c.polygon(points.map { p($0.0, $0.1) })
    }

    func ellipse(_ c: Canvas, _ cx: Double, _ cy: Double, _ rx: Double, _ ry: Double) {
        c.ellipse(x(cx), y(cy), len(rx), len(ry))
    }

    func circle(_ c: Canvas, _ cx: Double, _ cy: Double, _ r: Double) {
        c.circle(x(cx), y(cy), len(r))
    }

    func roundedRect(_ c: Canvas, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ r: Double) {
        let a = x(x0), b = x(x1)
        c.roundedRect(min(a, b), y(y1), abs(b - a), len(y1 - y0), len(r))
    }

    func limb(_ c: Canvas, _ points: [(Double, Double)], width: Double, fill: RGB, ink: RGB, outline: Double) {
        c.limb(points.map { p($0.0, $0.1) }, width: len(width), fill: fill, ink: ink, outline: outline)
    }
}
