import CCairo
import Imaging

/// A cairo surface to draw on — an ARGB32 image (read back as a `Frame`) or a PDF written to a stream — with the
/// drawing verbs the painters, the boards and the animatic's burn-in use. The one place cairo is called.
public final class Canvas {
    /// Pixels (points for a PDF).
    public let width: Int
    public let height: Int
    let surface: OpaquePointer
    let cr: OpaquePointer
    /// Keeps a PDF's write function alive as long as cairo may call it.
    private let sink: PDFSink?

    /// How strokes meet and end.
    public enum Strokes: Sendable {
        /// cairo's defaults: mitred joins, butt caps, default antialiasing (the board pages).
        case standard
        /// Round joins and caps, good antialiasing: the storyboard marker look of the painters and overlays.
        case marker
    }

    /// A transparent ARGB32 image surface of `width × height` pixels.
    public init(width: Int, height: Int, strokes: Strokes = .standard) {
        self.width = width
        self.height = height
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
        cr = cairo_create(surface)
        sink = nil
        if strokes == .marker {
            cairo_set_antialias(cr, CAIRO_ANTIALIAS_GOOD)
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        }
    }

    /// A PDF whose pages are `pageWidth × pageHeight` points, its bytes handed to `write` as cairo produces them
    /// (`write` returns false to fail the document). Call `showPage()` after each page and `finish()` at the end.
    public init(pdfPageWidth pageWidth: Double, pageHeight: Double, write: @escaping (UnsafeRawBufferPointer) -> Bool) {
        width = Int(pageWidth)
        height = Int(pageHeight)
        let sink = PDFSink(write: write)
        self.sink = sink
        let context = Unmanaged.passUnretained(sink).toOpaque()
        surface = cairo_pdf_surface_create_for_stream(
            { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                let sink = Unmanaged<PDFSink>.fromOpaque(closure).takeUnretainedValue()
                return sink.write(UnsafeRawBufferPointer(start: data, count: Int(length)))
                    ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
            }, context, pageWidth, pageHeight)
        cr = cairo_create(surface)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    public var w: Double { Double(width) }
    public var h: Double { Double(height) }

    // MARK: Paths and paint

    public func colour(_ c: RGB, _ alpha: Double = 1) { cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha) }

    public func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double) { cairo_rectangle(cr, x, y, w, h) }

    public func move(_ x: Double, _ y: Double) { cairo_move_to(cr, x, y) }
    public func line(_ x: Double, _ y: Double) { cairo_line_to(cr, x, y) }
    public func curve(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ x: Double, _ y: Double) {
        cairo_curve_to(cr, x1, y1, x2, y2, x, y)
    }
    public func close() { cairo_close_path(cr) }

    public func circle(_ x: Double, _ y: Double, _ r: Double) {
        cairo_new_sub_path(cr)
        cairo_arc(cr, x, y, max(0.01, r), 0, 2 * .pi)
    }

    public func ellipse(_ x: Double, _ y: Double, _ rx: Double, _ ry: Double) {
        guard rx > 0.01, ry > 0.01 else { return }
        cairo_save(cr)
        cairo_translate(cr, x, y)
        cairo_scale(cr, rx, ry)
        cairo_new_sub_path(cr)
        cairo_arc(cr, 0, 0, 1, 0, 2 * .pi)
        cairo_restore(cr)
    }

    public func roundedRect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ r: Double) {
        let r = max(0, min(r, w / 2, h / 2))
        cairo_new_sub_path(cr)
        cairo_arc(cr, x + w - r, y + r, r, -.pi / 2, 0)
        cairo_arc(cr, x + w - r, y + h - r, r, 0, .pi / 2)
        cairo_arc(cr, x + r, y + h - r, r, .pi / 2, .pi)
        cairo_arc(cr, x + r, y + r, r, .pi, 1.5 * .pi)
        cairo_close_path(cr)
    }

    public func polygon(_ points: [(Double, Double)]) {
        guard let first = points.first else { return }
        move(first.0, first.1)
        for p in points.dropFirst() { line(p.0, p.1) }
        close()
    }

    public func fill(_ c: RGB, _ alpha: Double = 1) {
        colour(c, alpha)
        cairo_fill(cr)
    }

    /// Fills with `c` and outlines with `ink`: the storyboard marker look.
    public func fillAndOutline(_ c: RGB, ink: RGB, width: Double, alpha: Double = 1) {
        colour(c, alpha)
        cairo_fill_preserve(cr)
        colour(ink, alpha)
        cairo_set_line_width(cr, width)
        cairo_stroke(cr)
    }

    public func stroke(_ c: RGB, width: Double, alpha: Double = 1) {
        colour(c, alpha)
        cairo_set_line_width(cr, width)
        cairo_stroke(cr)
    }

    /// A limb: a round-capped segment drawn as an outlined thick line.
    public func limb(_ points: [(Double, Double)], width: Double, fill c: RGB, ink: RGB, outline: Double) {
        guard let first = points.first, points.count > 1 else { return }
        for (colour, w) in [(ink, width + 2 * outline), (c, width)] {
            move(first.0, first.1)
            for p in points.dropFirst() { line(p.0, p.1) }
            self.colour(colour)
            cairo_set_line_width(cr, max(0.5, w))
            cairo_stroke(cr)
        }
    }

    public func verticalGradient(_ y0: Double, _ top: RGB, _ y1: Double, _ bottom: RGB) {
        let g = cairo_pattern_create_linear(0, y0, 0, y1)
        cairo_pattern_add_color_stop_rgb(g, 0, top.r, top.g, top.b)
        cairo_pattern_add_color_stop_rgb(g, 1, bottom.r, bottom.g, bottom.b)
        cairo_set_source(cr, g)
        cairo_fill(cr)
        cairo_pattern_destroy(g)
    }

    public func radialGlow(_ x: Double, _ y: Double, _ radius: Double, _ c: RGB, _ alpha: Double) {
        let g = cairo_pattern_create_radial(x, y, 0, x, y, radius)
        cairo_pattern_add_color_stop_rgba(g, 0, c.r, c.g, c.b, alpha)
        cairo_pattern_add_color_stop_rgba(g, 1, c.r, c.g, c.b, 0)
        cairo_set_source(cr, g)
        cairo_arc(cr, x, y, radius, 0, 2 * .pi)
        cairo_fill(cr)
        cairo_pattern_destroy(g)
    }

    /// Covers the whole canvas (inside any clip) with `c`.
    public func paint(_ c: RGB, _ alpha: Double = 1) {
        colour(c, alpha)
        cairo_paint(cr)
    }

    public func dashed(_ on: Double, _ off: Double) {
        var pattern = [on, off]
        cairo_set_dash(cr, &pattern, 2, 0)
    }

    public func solid() { cairo_set_dash(cr, nil, 0, 0) }

    // MARK: State

    public func save() { cairo_save(cr) }
    public func restore() { cairo_restore(cr) }
    public func translate(_ x: Double, _ y: Double) { cairo_translate(cr, x, y) }
    public func rotate(_ radians: Double) { cairo_rotate(cr, radians) }
    public func scale(_ x: Double, _ y: Double) { cairo_scale(cr, x, y) }
    /// Limits drawing to the current path (until `restore`).
    public func clip() { cairo_clip(cr) }

    // MARK: Text

    /// A face of the system's fonts, by family name.
    public struct Font: Sendable, Equatable {
        public var family: String
        public var bold: Bool
        public var italic: Bool

        public init(_ family: String, bold: Bool = false, italic: Bool = false) {
            self.family = family
            self.bold = bold
            self.italic = italic
        }
    }

    func select(_ font: Font, size: Double) {
        cairo_select_font_face(
            cr, font.family, font.italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
            font.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
    }

    /// `text` in `font` with its baseline starting at (x, y).
    public func text(_ text: String, x: Double, y: Double, font: Font, size: Double, colour c: RGB) {
        select(font, size: size)
        colour(c)
        move(x, y)
        cairo_show_text(cr, text)
    }

    /// How far `text` in `font` advances the pen: its width for laying out lines.
    public func advance(_ text: String, font: Font, size: Double) -> Double {
        select(font, size: size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        return extents.x_advance
    }

    /// Text centred on (x, y) in DejaVu Sans Bold.
    public func label(_ text: String, x: Double, y: Double, size: Double, colour c: RGB) {
        select(Font("DejaVu Sans", bold: true), size: size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        move(x - extents.width / 2 - extents.x_bearing, y - extents.height / 2 - extents.y_bearing)
        colour(c)
        cairo_show_text(cr, text)
    }

    // MARK: Pages

    /// Ends a PDF page; what is drawn next goes on a new one.
    public func showPage() { cairo_show_page(cr) }

    /// Writes out the rest of a PDF; nil when all went well, else cairo's reason.
    public func finish() -> String? {
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        return status == CAIRO_STATUS_SUCCESS ? nil : String(cString: cairo_status_to_string(status))
    }
}

/// The Swift side of a PDF stream: cairo calls it with each run of bytes.
final class PDFSink {
    let write: (UnsafeRawBufferPointer) -> Bool

    init(write: @escaping (UnsafeRawBufferPointer) -> Bool) {
        self.write = write
    }
}
