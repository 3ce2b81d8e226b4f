import CCairo
import Foundation
import Imaging
import Project
import Sketch
import Storage

/// A storyboard laid out on pages: title block, panels in a grid, and captions as real text.
/// The same drawing serves the PDF (one cairo page per board page) and the contact sheet (one tall image).
struct BoardDocument {
    let project: Project
    let shots: [Shot]
    /// Keyframes with camera-move arrows, in cut order.
    let panels: [Frame]
    let layout: BoardLayout
    let version: String
    let date: String

    static let pageWidth = 842.0, pageHeight = 595.0  // A4 landscape, points
    static let margin = 32.0, titleHeight = 46.0, gutter = 14.0

    var pageCount: Int { max(1, (shots.count + layout.panelsPerPage - 1) / layout.panelsPerPage) }

    /// Writes the PDF to `path` (cairo embeds the fonts it uses and the panel images); messages name `target`,
    /// the file the user asked for, and the system's reason (a full disk, a read-only folder).
    func writePDF(to path: String, target: String, progress: (Int, Int) -> Void) throws(ExportError) {
        let sink: FileSink
        do {
            sink = try FileSink(creating: path)
        } catch {
            throw ExportError("cannot write \(target): \(error.description)")
        }
        let context = Unmanaged.passUnretained(sink).toOpaque()
        let surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<FileSink>.fromOpaque(closure).takeUnretainedValue()
            return sink.write(UnsafeRawBufferPointer(start: data, count: Int(length))) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
        }, context, BoardDocument.pageWidth, BoardDocument.pageHeight)
        let cr = cairo_create(surface)
        for page in 0..<pageCount {
            drawPage(cr, page: page, origin: 0)
            cairo_show_page(cr)
            progress(page + 1, pageCount)
        }
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        if status == CAIRO_STATUS_SUCCESS { _ = sink.sync() }
        if sink.error != 0 {
            throw ExportError("cannot write \(target): \(String(cString: strerror(sink.error)))")
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw ExportError("cannot write the PDF \(target): \(String(cString: cairo_status_to_string(status)))")
        }
    }

    /// Draws every page stacked into one image, `scale` pixels per point.
    func sheet(scale: Double = 2) -> Frame {
        let width = Int(BoardDocument.pageWidth * scale), pageHeight = BoardDocument.pageHeight * scale
        let height = Int(pageHeight * Double(pageCount))
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
        let cr = cairo_create(surface)
        cairo_scale(cr, scale, scale)
        for page in 0..<pageCount { drawPage(cr, page: page, origin: BoardDocument.pageHeight * Double(page)) }
        cairo_destroy(cr)
        let frame = BoardDocument.frame(of: surface!, width: width, height: height)
        cairo_surface_destroy(surface)
        return frame
    }

    func drawPage(_ cr: OpaquePointer?, page: Int, origin: Double) {
        let m = BoardDocument.margin, W = BoardDocument.pageWidth, H = BoardDocument.pageHeight
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_rectangle(cr, 0, origin, W, H)
        cairo_fill(cr)
        // Title block.
        text(cr, project.title, x: m, y: origin + m + 14, size: 16, bold: true)
        text(cr, project.client.isEmpty ? "Storyboard" : project.client, x: m, y: origin + m + 30, size: 10, grey: 0.35)
        let right = "\(date)   \(version)   Page \(page + 1) of \(pageCount)"
        text(cr, right, x: W - m - width(cr, right, size: 9, bold: false), y: origin + m + 14, size: 9, grey: 0.3)
        let runtime = String(format: "%d shots · %.1f s", shots.count, shots.reduce(0) { $0 + $1.duration })
        text(cr, runtime, x: W - m - width(cr, runtime, size: 9, bold: false), y: origin + m + 30, size: 9, grey: 0.45)
        cairo_set_source_rgb(cr, 0.15, 0.15, 0.18)
        cairo_set_line_width(cr, 1)
        cairo_move_to(cr, m, origin + m + BoardDocument.titleHeight - 6)
        cairo_line_to(cr, W - m, origin + m + BoardDocument.titleHeight - 6)
        cairo_stroke(cr)

        let top = origin + m + BoardDocument.titleHeight
        let columns = Double(layout.columns), rows = Double(layout.rows)
        let cellW = (W - 2 * m - (columns - 1) * BoardDocument.gutter) / columns
        let cellH = (H - m - (top - origin) - (rows - 1) * BoardDocument.gutter) / rows
        let captionLines = layout == .oneUp ? 4.0 : 4.0
        let captionH = captionLines * 11 + 6
        let aspect = Double(project.width) / Double(project.height)
        let imageH = min(cellW / aspect, cellH - captionH), imageW = imageH * aspect
        for slot in 0..<layout.panelsPerPage {
            let index = page * layout.panelsPerPage + slot
            guard index < shots.count else { break }
            let col = Double(slot % layout.columns), row = Double(slot / layout.columns)
            let x = m + col * (cellW + BoardDocument.gutter) + (cellW - imageW) / 2
            let y = top + row * (cellH + BoardDocument.gutter)
            drawPanel(cr, index: index, x: x, y: y, width: imageW, height: imageH)
        }
    }

    func drawPanel(_ cr: OpaquePointer?, index: Int, x: Double, y: Double, width w: Double, height h: Double) {
        let shot = shots[index], frame = panels[index]
        if let image = BoardDocument.surface(of: frame) {
            cairo_save(cr)
            cairo_rectangle(cr, x, y, w, h)
            cairo_clip(cr)
            cairo_translate(cr, x, y)
            cairo_scale(cr, w / Double(frame.width), h / Double(frame.height))
            cairo_set_source_surface(cr, image, 0, 0)
            cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD)
            cairo_paint(cr)
            cairo_restore(cr)
            cairo_surface_destroy(image)
        }
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.12)
        cairo_set_line_width(cr, 1.2)
        cairo_rectangle(cr, x, y, w, h)
        cairo_stroke(cr)
        var line = y + h + 12
        let heading = "\(index + 1)   \(shot.id)   \(format(shot.duration)) s   \(shot.camera.rawValue.uppercased().replacingOccurrences(of: "_", with: " "))"
        text(cr, heading, x: x, y: line, size: 9, bold: true)
        line += 11
        for l in wrap(cr, shot.action, width: w, size: 8.5).prefix(2) {
            text(cr, l, x: x, y: line, size: 8.5, grey: 0.2)
            line += 10.5
        }
        if !shot.dialogue.isEmpty {
            for l in wrap(cr, shot.dialogue, width: w, size: 8.5, italic: true).prefix(2) {
                text(cr, l, x: x, y: line, size: 8.5, grey: 0.35, italic: true)
                line += 10.5
            }
        }
    }

    func format(_ d: Double) -> String { d == d.rounded() ? String(format: "%.0f", d) : String(format: "%.1f", d) }

    func font(_ cr: OpaquePointer?, size: Double, bold: Bool, italic: Bool) {
        cairo_select_font_face(cr, "DejaVu Sans", italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
    }

    func text(_ cr: OpaquePointer?, _ s: String, x: Double, y: Double, size: Double, bold: Bool = false, grey: Double = 0.08, italic: Bool = false) {
        font(cr, size: size, bold: bold, italic: italic)
        cairo_set_source_rgb(cr, grey, grey, grey + 0.02)
        cairo_move_to(cr, x, y)
        cairo_show_text(cr, s)
    }

    func width(_ cr: OpaquePointer?, _ s: String, size: Double, bold: Bool, italic: Bool = false) -> Double {
        font(cr, size: size, bold: bold, italic: italic)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, s, &extents)
        return extents.x_advance
    }

    /// Greedy word wrap by measured width; a last line that would overflow ends with an ellipsis.
    func wrap(_ cr: OpaquePointer?, _ s: String, width limit: Double, size: Double, italic: Bool = false) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in s.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if width(cr, candidate, size: size, bold: false, italic: italic) <= limit || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > 2 { lines[1] += " …"; lines = Array(lines.prefix(2)) }
        return lines
    }

    /// A cairo image surface holding a frame's pixels.
    static func surface(of frame: Frame) -> OpaquePointer? {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(frame.width), Int32(frame.height)),
              let data = cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let i = (y * frame.width + x) * 4, a = Int(frame.pixels[i + 3])
                let p = data + y * stride + x * 4
                p[0] = UInt8(Int(frame.pixels[i + 2]) * a / 255)
                p[1] = UInt8(Int(frame.pixels[i + 1]) * a / 255)
                p[2] = UInt8(Int(frame.pixels[i]) * a / 255)
                p[3] = UInt8(a)
            }
        }
        cairo_surface_mark_dirty(surface)
        return surface
    }

    static func frame(of surface: OpaquePointer, width: Int, height: Int) -> Frame {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { return Frame(width: width, height: height) }
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let p = data + y * stride + x * 4, o = (y * width + x) * 4
                pixels[o] = p[2]; pixels[o + 1] = p[1]; pixels[o + 2] = p[0]; pixels[o + 3] = 255
            }
        }
        return Frame(width: width, height: height, pixels: pixels)
    }
}
