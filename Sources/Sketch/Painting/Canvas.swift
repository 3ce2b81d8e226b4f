import CCairo
import Foundation
import Imaging

/// A cairo image surface to paint one frame on, with the few drawing verbs the painters use.
final class Canvas {
    let width: Int
    let height: Int
    let surface: OpaquePointer
    let cr: OpaquePointer

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
        cr = cairo_create(surface)
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_GOOD)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    var w: Double { Double(width) }
    var h: Double { Double(height) }

    func color(_ c: RGB, _ alpha: Double = 1) { cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha) }

    func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double) { cairo_rectangle(cr, x, y, w, h) }

    func move(_ x: Double, _ y: Double) { cairo_move_to(cr, x, y) }
    func line(_ x: Double, _ y: Double) { cairo_line_to(cr, x, y) }
    func curve(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ x: Double, _ y: Double) {
        cairo_curve_to(cr, x1, y1, x2, y2, x, y)
    }
    func close() { cairo_close_path(cr) }

    func circle(_ x: Double, _ y: Double, _ r: Double) {
        cairo_new_sub_path(cr)
        cairo_arc(cr, x, y, max(0.01, r), 0, 2 * .pi)
    }

    func ellipse(_ x: Double, _ y: Double, _ rx: Double, _ ry: Double) {
        guard rx > 0.01, ry > 0.01 else { return }
        cairo_save(cr)
        cairo_translate(cr, x, y)
        cairo_scale(cr, rx, ry)
        cairo_new_sub_path(cr)
        cairo_arc(cr, 0, 0, 1, 0, 2 * .pi)
        cairo_restore(cr)
    }

    func roundedRect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ r: Double) {
        let r = max(0, min(r, w / 2, h / 2))
        cairo_new_sub_path(cr)
        cairo_arc(cr, x + w - r, y + r, r, -.pi / 2, 0)
        cairo_arc(cr, x + w - r, y + h - r, r, 0, .pi / 2)
        cairo_arc(cr, x + r, y + h - r, r, .pi / 2, .pi)
        cairo_arc(cr, x + r, y + r, r, .pi, 1.5 * .pi)
        cairo_close_path(cr)
    }

    func polygon(_ points: [(Double, Double)]) {
        guard let first = points.first else { return }
        move(first.0, first.1)
        for p in points.dropFirst() { line(p.0, p.1) }
        close()
    }

    func fill(_ c: RGB, _ alpha: Double = 1) {
        color(c, alpha)
        cairo_fill(cr)
    }

    /// Fills with `c` and outlines with `ink`: the storyboard marker look.
    func fillAndOutline(_ c: RGB, ink: RGB, width: Double, alpha: Double = 1) {
        color(c, alpha)
        cairo_fill_preserve(cr)
        color(ink, alpha)
        cairo_set_line_width(cr, width)
        cairo_stroke(cr)
    }

    func stroke(_ c: RGB, width: Double, alpha: Double = 1) {
        color(c, alpha)
        cairo_set_line_width(cr, width)
        cairo_stroke(cr)
    }

    /// A limb: a round-capped segment drawn as an outlined thick line.
    func limb(_ points: [(Double, Double)], width: Double, fill c: RGB, ink: RGB, outline: Double) {
        guard let first = points.first, points.count > 1 else { return }
        for (colour, w) in [(ink, width + 2 * outline), (c, width)] {
            move(first.0, first.1)
            for p in points.dropFirst() { line(p.0, p.1) }
            color(colour)
            cairo_set_line_width(cr, max(0.5, w))
            cairo_stroke(cr)
        }
    }

    func verticalGradient(_ y0: Double, _ top: RGB, _ y1: Double, _ bottom: RGB) {
        let g = cairo_pattern_create_linear(0, y0, 0, y1)
        cairo_pattern_add_color_stop_rgb(g, 0, top.r, top.g, top.b)
        cairo_pattern_add_color_stop_rgb(g, 1, bottom.r, bottom.g, bottom.b)
        cairo_set_source(cr, g)
        cairo_fill(cr)
        cairo_pattern_destroy(g)
    }

    func radialGlow(_ x: Double, _ y: Double, _ radius: Double, _ c: RGB, _ alpha: Double) {
        let g = cairo_pattern_create_radial(x, y, 0, x, y, radius)
        cairo_pattern_add_color_stop_rgba(g, 0, c.r, c.g, c.b, alpha)
        cairo_pattern_add_color_stop_rgba(g, 1, c.r, c.g, c.b, 0)
        cairo_set_source(cr, g)
        cairo_arc(cr, x, y, radius, 0, 2 * .pi)
        cairo_fill(cr)
        cairo_pattern_destroy(g)
    }

    func dashed(_ on: Double, _ off: Double) {
        var pattern = [on, off]
        cairo_set_dash(cr, &pattern, 2, 0)
    }

    func solid() { cairo_set_dash(cr, nil, 0, 0) }

    func save() { cairo_save(cr) }
    func restore() { cairo_restore(cr) }

    /// Text centred on (x, y) in DejaVu Sans Bold.
    func label(_ text: String, x: Double, y: Double, size: Double, colour: RGB) {
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD)
        cairo_set_font_size(cr, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        move(x - extents.width / 2 - extents.x_bearing, y - extents.height / 2 - extents.y_bearing)
        color(colour)
        cairo_show_text(cr, text)
    }

    /// The painted pixels as a straight-alpha RGBA frame.
    func frame() -> Frame {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { return Frame(width: width, height: height) }
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        pixels.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let row = data + y * stride
                for x in 0..<width {
                    // Native-endian premultiplied ARGB32: on little-endian, bytes are B, G, R, A.
                    let p = row + x * 4
                    let a = Int(p[3])
                    let o = (y * width + x) * 4
                    if a == 255 || a == 0 {
                        out[o] = p[2]; out[o + 1] = p[1]; out[o + 2] = p[0]
                    } else {
                        out[o] = UInt8(min(255, (Int(p[2]) * 255 + a / 2) / a))
                        out[o + 1] = UInt8(min(255, (Int(p[1]) * 255 + a / 2) / a))
                        out[o + 2] = UInt8(min(255, (Int(p[0]) * 255 + a / 2) / a))
                    }
                    out[o + 3] = UInt8(a)
                }
            }
        }
        return Frame(width: width, height: height, pixels: pixels)
    }

    /// Draws a frame's pixels onto the canvas (for overlays on existing keyframes).
    func draw(_ frame: Frame) {
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { return }
        cairo_surface_flush(surface)
        for y in 0..<min(height, frame.height) {
            let row = data + y * stride
            for x in 0..<min(width, frame.width) {
                let i = (y * frame.width + x) * 4
                let a = Int(frame.pixels[i + 3])
                let p = row + x * 4
                p[0] = UInt8(Int(frame.pixels[i + 2]) * a / 255)
                p[1] = UInt8(Int(frame.pixels[i + 1]) * a / 255)
                p[2] = UInt8(Int(frame.pixels[i]) * a / 255)
                p[3] = UInt8(a)
            }
        }
        cairo_surface_mark_dirty(surface)
    }
}
