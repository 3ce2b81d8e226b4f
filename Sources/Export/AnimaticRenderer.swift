import Drawing
import Foundation
import Imaging
import Project

/// Draws the animatic's frames: each shot's clip (its drawings, each held for its share of a second) seen through
/// a moving window (push-in, pull-out, pans, tilts, eased), optional dissolves and burn-in. A pure function of the
/// frame index, so it is testable without an encoder.
public struct AnimaticRenderer {
    public let shots: [Shot]
    public let reel: ClipReel
    public let timeline: AnimaticTimeline
    public let width: Int
    public let height: Int
    public let burnIn: Bool

    public init(shots: [Shot], keyframes: [Frame], fps: Double, width: Int, height: Int, burnIn: Bool) {
        self.init(shots: shots, reel: ClipReel(keyframes: keyframes), fps: fps, width: width, height: height, burnIn: burnIn)
    }

    public init(shots: [Shot], reel: ClipReel, fps: Double, width: Int, height: Int, burnIn: Bool) {
        self.shots = shots
        self.reel = reel
        self.timeline = AnimaticTimeline(shots: shots, fps: fps)
        self.width = width
        self.height = height
        self.burnIn = burnIn
    }

    /// Output frame `index` as packed RGB24 into `out` (width × height × 3 bytes).
    public func render(frame index: Int, into out: inout [UInt8]) {
        let span = timeline.span(at: index)
        let local = index - span.firstFrame
        let u = (Double(local) + 0.5) / Double(span.frameCount)
        draw(shot: span.shotIndex, drawing: drawing(span, local: local), progress: u, into: &out, blend: 1)
        let shot = shots[span.shotIndex]
        if shot.transition == .dissolve && span.shotIndex > 0 {
            let length = dissolveLength(span)
            if local < length {
                let alpha = 1 - (Double(local) + 0.5) / Double(length)
                let previous = timeline.spans[span.shotIndex - 1]
                draw(shot: span.shotIndex - 1, drawing: drawing(previous, local: previous.frameCount - 1), progress: 1,
                     into: &out, blend: alpha)
            }
        }
        if burnIn { stamp(shot: shot, frame: index, into: &out) }
    }

    /// The drawing of a shot's clip on screen at output frame `local` of its span.
    func drawing(_ span: AnimaticTimeline.Span, local: Int) -> Int {
        reel.drawingIndex(shot: span.shotIndex, seconds: Double(local) / timeline.fps)
    }

    /// Frames a dissolve into this span lasts: half a second, or half of the shorter shot.
    func dissolveLength(_ span: AnimaticTimeline.Span) -> Int {
        let previous = timeline.spans[span.shotIndex - 1]
        return max(1, min(Int((0.5 * timeline.fps).rounded()), previous.frameCount / 2, span.frameCount / 2))
    }

    /// Whether frame `index` is pixel-identical to frame `index - 1` (inside a static shot, past any dissolve,
    /// without burn-in), so an encoder can resend the previous buffer.
    public func isRepeat(frame index: Int) -> Bool {
        guard index > 0, !burnIn else { return false }
        let span = timeline.span(at: index)
        let shot = shots[span.shotIndex]
        guard shot.camera == .static, index > span.firstFrame else { return false }
        // A held drawing repeats; the next drawing of a moving clip does not.
        guard drawing(span, local: index - span.firstFrame) == drawing(span, local: index - 1 - span.firstFrame) else { return false }
        if shot.transition == .dissolve && span.shotIndex > 0 {
            return index - span.firstFrame > dissolveLength(span)
        }
        return true
    }

    /// Samples a window of a drawing bilinearly into the output, mixed in by `blend`.
    func draw(shot i: Int, drawing: Int, progress u: Double, into out: inout [UInt8], blend: Double) {
        let key = reel.drawing(shot: i, index: drawing)
        let (cx, cy, size) = shots[i].camera.window(progress: u)
        let kw = Double(key.width), kh = Double(key.height)
        let x0 = (cx - size / 2) * kw, y0 = (cy - size / 2) * kh
        let sx = size * kw / Double(width), sy = size * kh / Double(height)
        // Separable sampling: source index and weight per output column and row.
        var colIndex = [Int](repeating: 0, count: width), colWeight = [Double](repeating: 0, count: width)
        // The last sample pairs with its left neighbour at weight 1, so edges stay exact and in bounds.
        let lastColumn = max(0, key.width - 2), lastRow = max(0, key.height - 2)
        for x in 0..<width {
            let fx = min(kw - 1, max(0, x0 + (Double(x) + 0.5) * sx - 0.5))
            colIndex[x] = min(Int(fx), lastColumn)
            colWeight[x] = key.width < 2 ? 0 : fx - Double(colIndex[x])
        }
        let mix = Int((blend * 256).rounded())
        let colOffset = colIndex.map { $0 * 4 }
        let colW = colWeight.map { Int32(($0 * 256).rounded()) }
        let step = key.width < 2 ? 0 : 4
        let w = width
        key.pixels.withUnsafeBufferPointer { srcBuffer in
            out.withUnsafeMutableBufferPointer { dstBuffer in
                colOffset.withUnsafeBufferPointer { offsets in
                    colW.withUnsafeBufferPointer { weights in
                        guard let src = srcBuffer.baseAddress, let dst = dstBuffer.baseAddress,
                              let off = offsets.baseAddress, let wts = weights.baseAddress else { return }
                        for y in 0..<height {
                            let fy = min(kh - 1, max(0, y0 + (Double(y) + 0.5) * sy - 0.5))
                            let rowIndex = min(Int(fy), lastRow)
                            let r0 = src + rowIndex * key.width * 4
                            let r1 = key.height < 2 ? r0 : r0 + key.width * 4
                            let wy = key.height < 2 ? Int32(0) : Int32(((fy - Double(rowIndex)) * 256).rounded())
                            let iwy = 256 - wy
                            var o = dst + y * w * 3
                            // Integer bilinear: 8-bit weights, one shift at the end.
                            for x in 0..<w {
                                let a = r0 + off[x], b = r1 + off[x]
                                let wx = wts[x], iwx = 256 - wx
                                for ch in 0..<3 {
                                    let top = Int32(a[ch]) &* iwx &+ Int32(a[step + ch]) &* wx
                                    let bottom = Int32(b[ch]) &* iwx &+ Int32(b[step + ch]) &* wx
                                    let value = (top &* iwy &+ bottom &* wy) >> 16
                                    if mix >= 256 {
                                        o[ch] = UInt8(truncatingIfNeeded: value)
                                    } else {
                                        o[ch] = UInt8(truncatingIfNeeded: (Int(value) * mix + Int(o[ch]) * (256 - mix)) >> 8)
                                    }
                                }
                                o += 3
                            }
                        }
                    }
                }
            }
        }
    }

    /// Shot id and timecode in a band at the bottom of the frame.
    func stamp(shot: Shot, frame: Int, into out: inout [UInt8]) {
        let band = max(18, height / 20)
        let canvas = Canvas(width: width, height: band)
        canvas.paint(RGB(0, 0, 0), 0.6)
        let fps = max(1, Int(timeline.fps.rounded()))
        canvas.text("\(shot.id)   \(Timecode.string(frame: frame, fps: fps))", x: Double(band) * 0.4, y: Double(band) * 0.75,
                    font: Canvas.Font("DejaVu Sans Mono", bold: true), size: Double(band) * 0.62, colour: RGB(1, 1, 1))
        canvas.composite(over: &out, rowWidth: width, top: height - band)
    }
}
