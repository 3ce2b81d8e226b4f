import Drawing
import Foundation
import Imaging

/// Draws a `SketchLayout` as a clean storyboard panel: light, setting, subjects far to near, foreground framing.
/// Deterministic: the same layout and size give the same bytes.
public enum SketchDecoder {
    public static func draw(_ layout: SketchLayout, width: Int, height: Int) -> Frame {
        let canvas = Canvas(width: width, height: height, strokes: .marker)
        var camera = layout.camera
        let roll = camera.roll
        camera.roll = 0
        canvas.save()
        if roll != 0 {
            // A dutch angle turns the whole picture; scale a little so no corner shows empty.
            canvas.translate(canvas.w / 2, canvas.h / 2)
            canvas.rotate(roll)
            let cover = abs(cos(roll)) + abs(sin(roll)) * max(canvas.w / canvas.h, canvas.h / canvas.w)
            canvas.scale(cover, cover)
            canvas.translate(-canvas.w / 2, -canvas.h / 2)
        }
        let view = View(camera: camera, canvas: canvas, light: Lighting(layout.timeOfDay), layout: layout)
        if layout.setting.isInterior {
            InteriorPainter.paint(view)
        } else {
            ExteriorPainter.paint(view)
        }
        let order = layout.subjects.sorted { a, b in
            view.isOverhead ? a.elevation < b.elevation : (a.z == b.z ? a.elevation < b.elevation : a.z > b.z)
        }
        for subject in order { SubjectPainter.paint(subject, view) }
        if let side = layout.overShoulderSide { OverShoulderPainter.paint(view, side: side) }
        canvas.restore()
        return canvas.frame()
    }
}
