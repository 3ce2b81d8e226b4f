import Drawing
import Foundation
import Imaging
import Project
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
        let canvas = Canvas(pdfPageWidth: BoardDocument.pageWidth, pageHeight: BoardDocument.pageHeight) { sink.write($0) }
        for page in 0..<pageCount {
            drawPage(canvas, page: page, origin: 0)
            canvas.showPage()
            progress(page + 1, pageCount)
        }
        let failure = canvas.finish()
        if failure == nil { _ = sink.sync() }
        if sink.error != 0 {
            throw ExportError("cannot write \(target): \(String(cString: strerror(sink.error)))")
        }
        if let failure { throw ExportError("cannot write the PDF \(target): \(failure)") }
    }

    /// Draws every page stacked into one image, `scale` pixels per point.
    func sheet(scale: Double = 2) -> Frame {
        let width = Int(BoardDocument.pageWidth * scale), pageHeight = BoardDocument.pageHeight * scale
        let height = Int(pageHeight * Double(pageCount))
        let canvas = Canvas(width: width, height: height)
        canvas.scale(scale, scale)
        for page in 0..<pageCount { drawPage(canvas, page: page, origin: BoardDocument.pageHeight * Double(page)) }
        // The pages are opaque white under everything, so the sheet is opaque.
        return canvas.frame()
    }

    func drawPage(_ canvas: Canvas, page: Int, origin: Double) {
        let m = BoardDocument.margin, W = BoardDocument.pageWidth, H = BoardDocument.pageHeight
        canvas.rect(0, origin, W, H)
        canvas.fill(RGB(1, 1, 1))
        // Title block.
        text(canvas, project.title, x: m, y: origin + m + 14, size: 16, bold: true)
        text(canvas, project.client.isEmpty ? "Storyboard" : project.client, x: m, y: origin + m + 30, size: 10, grey: 0.35)
        let right = "\(date)   \(version)   Page \(page + 1) of \(pageCount)"
        text(canvas, right, x: W - m - width(canvas, right, size: 9, bold: false), y: origin + m + 14, size: 9, grey: 0.3)
        let runtime = String(format: "%d shots · %.1f s", shots.count, shots.reduce(0) { $0 + $1.duration })
        text(canvas, runtime, x: W - m - width(canvas, runtime, size: 9, bold: false), y: origin + m + 30, size: 9, grey: 0.45)
        canvas.move(m, origin + m + BoardDocument.titleHeight - 6)
        canvas.line(W - m, origin + m + BoardDocument.titleHeight - 6)
        canvas.stroke(RGB(0.15, 0.15, 0.18), width: 1)

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
            drawPanel(canvas, index: index, x: x, y: y, width: imageW, height: imageH)
        }
    }

    func drawPanel(_ canvas: Canvas, index: Int, x: Double, y: Double, width w: Double, height h: Double) {
        let shot = shots[index], frame = panels[index]
        canvas.image(frame, x: x, y: y, width: w, height: h)
        canvas.rect(x, y, w, h)
        canvas.stroke(RGB(0.1, 0.1, 0.12), width: 1.2)
        var line = y + h + 12
        let heading = "\(index + 1)   \(shot.id)   \(format(shot.duration)) s   \(shot.camera.rawValue.uppercased().replacingOccurrences(of: "_", with: " "))"
        text(canvas, heading, x: x, y: line, size: 9, bold: true)
        line += 11
        for l in wrap(canvas, shot.action, width: w, size: 8.5).prefix(2) {
            text(canvas, l, x: x, y: line, size: 8.5, grey: 0.2)
            line += 10.5
        }
        if !shot.dialogue.isEmpty {
            for l in wrap(canvas, shot.dialogue, width: w, size: 8.5, italic: true).prefix(2) {
                text(canvas, l, x: x, y: line, size: 8.5, grey: 0.35, italic: true)
                line += 10.5
            }
        }
    }

    func format(_ d: Double) -> String { d == d.rounded() ? String(format: "%.0f", d) : String(format: "%.1f", d) }

    func text(_ canvas: Canvas, _ s: String, x: Double, y: Double, size: Double, bold: Bool = false, grey: Double = 0.08, italic: Bool = false) {
        canvas.text(s, x: x, y: y, font: Canvas.Font("DejaVu Sans", bold: bold, italic: italic), size: size, colour: RGB(grey, grey, grey + 0.02))
    }

    func width(_ canvas: Canvas, _ s: String, size: Double, bold: Bool, italic: Bool = false) -> Double {
        canvas.advance(s, font: Canvas.Font("DejaVu Sans", bold: bold, italic: italic), size: size)
    }

    /// Greedy word wrap by measured width; a last line that would overflow ends with an ellipsis.
    func wrap(_ canvas: Canvas, _ s: String, width limit: Double, size: Double, italic: Bool = false) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in s.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if width(canvas, candidate, size: size, bold: false, italic: italic) <= limit || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > 2 {
            lines[1] += " …"
            lines = Array(lines.prefix(2))
        }
        return lines
    }
}
