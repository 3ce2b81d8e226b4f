/// The dark head and shoulder of a foreground figure that frames an over-the-shoulder shot.
enum OverShoulderPainter {
    static func paint(_ v: View, side: Int) {
        let c = v.canvas
        let s = Double(side)
        let cx = v.w / 2 + s * v.w * 0.42
        let dark = v.light.ink.mixed(v.light.haze, 0.15)
        // Shoulder mass rising from the bottom edge.
        c.move(cx - s * v.w * 0.32, v.h + 2)
        c.curve(cx - s * v.w * 0.28, v.h * 0.8, cx - s * v.w * 0.12, v.h * 0.68, cx, v.h * 0.66)
        c.line(cx + s * v.w * 0.3, v.h * 0.62)
        c.line(cx + s * v.w * 0.3, v.h + 2)
        c.close()
        c.fill(dark)
        // Back of the head.
        c.ellipse(cx - s * v.w * 0.02, v.h * 0.42, v.w * 0.13, v.h * 0.27)
        c.fill(dark)
        c.ellipse(cx - s * v.w * 0.1, v.h * 0.45, v.w * 0.03, v.h * 0.06)
        c.fill(dark.lit(0.12))
    }
}
