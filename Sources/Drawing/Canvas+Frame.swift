import CCairo
import Imaging

/// Pixels between cairo's ARGB32 surfaces and `Frame`s: the one conversion each way.
///
/// cairo keeps native-endian premultiplied ARGB32 (on little-endian machines the bytes are B, G, R, A, with each
/// colour already multiplied by alpha); a `Frame` is straight-alpha RGBA. Premultiplying truncates
/// (`c · a / 255`); un-premultiplying rounds (`(c · 255 + a / 2) / a`), and a fully transparent or fully opaque
/// pixel is copied as it is.
extension Canvas {
    /// The painted pixels as a straight-alpha RGBA frame.
    public func frame() -> Frame {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { return Frame(width: width, height: height) }
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        pixels.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let row = data + y * stride
                for x in 0..<width {
                    let p = row + x * 4
                    let a = Int(p[3])
                    let o = (y * width + x) * 4
                    if a == 255 || a == 0 {
                        out[o] = p[2]
                        out[o + 1] = p[1]
                        out[o + 2] = p[0]
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

    /// Replaces the canvas's pixels with `frame`'s from the top left corner (for overlays on existing keyframes);
    /// what lies outside the smaller of the two is left as it was.
    public func draw(_ frame: Frame) {
        Canvas.store(frame, into: surface)
    }

    /// The surface's bytes as cairo holds them (premultiplied B, G, R, A on little-endian), row after row without
    /// stride padding.
    public func premultipliedBGRA() -> [UInt8] {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { return [] }
        var bytes = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            for i in 0..<(width * 4) { bytes[y * width * 4 + i] = data[y * stride + i] }
        }
        return bytes
    }

    /// Lays the canvas over rows of packed RGB24 pixels (`width` pixels a row, the canvas's own width), its top row
    /// on row `top`: premultiplied source over the destination.
    public func composite(over rgb: inout [UInt8], rowWidth: Int, top: Int) {
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return }
        let stride = Int(cairo_image_surface_get_stride(surface))
        for y in 0..<height {
            for x in 0..<min(width, rowWidth) {
                let p = data + y * stride + x * 4
                let a = Int(p[3])
                let o = ((top + y) * rowWidth + x) * 3
                rgb[o] = UInt8(Int(p[2]) + Int(rgb[o]) * (255 - a) / 255)
                rgb[o + 1] = UInt8(Int(p[1]) + Int(rgb[o + 1]) * (255 - a) / 255)
                rgb[o + 2] = UInt8(Int(p[0]) + Int(rgb[o + 2]) * (255 - a) / 255)
            }
        }
    }

    /// Paints `frame` scaled into the rectangle at (x, y) of `width × height`, with cairo's good filter.
    public func image(_ frame: Frame, x: Double, y: Double, width w: Double, height h: Double) {
        guard let image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(frame.width), Int32(frame.height)),
            cairo_image_surface_get_data(image) != nil
        else { return }
        defer { cairo_surface_destroy(image) }
        Canvas.store(frame, into: image)
        cairo_save(cr)
        cairo_rectangle(cr, x, y, w, h)
        cairo_clip(cr)
        cairo_translate(cr, x, y)
        cairo_scale(cr, w / Double(frame.width), h / Double(frame.height))
        cairo_set_source_surface(cr, image, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD)
        cairo_paint(cr)
        cairo_restore(cr)
    }

    /// Premultiplies `frame` into an ARGB32 image surface from its top left corner.
    static func store(_ frame: Frame, into surface: OpaquePointer) {
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
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
