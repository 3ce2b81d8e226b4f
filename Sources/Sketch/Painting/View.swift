import Drawing
import Foundation

/// The camera as the painters use it: world metres to pixels, and how big a metre is at a distance.
struct View {
    let camera: CameraPose
    let canvas: Canvas
    let light: Lighting
    let layout: SketchLayout

    var w: Double { canvas.w }
    var h: Double { canvas.h }
    var focal: Double { camera.focalLength(imageHeight: h) }
    var horizonY: Double { camera.horizonY(imageHeight: h) }
    var isOverhead: Bool { camera.pitch < -1.0 }

    /// Pixel position and depth of a world point, nil behind the camera.
    func project(_ x: Double, _ y: Double, _ z: Double) -> (x: Double, y: Double, depth: Double)? {
        camera.project(x: x, y: y, z: z, width: w, height: h)
    }

    /// Pixels per metre at a depth.
    func scale(atDepth d: Double) -> Double { focal / max(0.05, d) }

    /// Outline width for something `size` pixels tall: confident but never heavy.
    func ink(forSize size: Double) -> Double { min(4, max(1, size / 90)) }

    /// Distance at which haze hides things, by setting (interiors have none).
    var hazeDistance: Double { layout.setting.isInterior ? 0 : (layout.setting == .forest ? 60 : 160) }

    func tone(_ c: RGB, distance: Double) -> RGB { light.tone(c, distance: distance, hazeDistance: hazeDistance) }

    /// A deterministic pseudo-random value in 0..<1 for element `i` of a backdrop (no state, no seed drift).
    func jitter(_ i: Int, _ salt: Double = 0) -> Double {
        let v = sin(Double(i) * 12.9898 + salt * 78.233 + layout.backdrop[2] * 3.1) * 43758.5453
        return v - floor(v)
    }
}
