import Foundation

/// A pinhole camera in the sketch world: metres, y up, z forward (away from the camera), x to the right.
///
/// The camera stands at (`panX`, `height`, 0), looks along +z tilted by `pitch` (positive looks up,
/// -pi/2 looks straight down), and rolls the image by `roll` (a dutch angle).
public struct CameraPose: Sendable, Equatable {
    public var height: Double
    public var pitch: Double
    public var roll: Double
    /// Vertical field of view in radians.
    public var fieldOfView: Double
    public var panX: Double

    public init(height: Double, pitch: Double, roll: Double = 0, fieldOfView: Double, panX: Double = 0) {
        self.height = height
        self.pitch = pitch
        self.roll = roll
        self.fieldOfView = fieldOfView
        self.panX = panX
    }

    /// Focal length in pixels for an image `imageHeight` pixels tall.
    public func focalLength(imageHeight: Double) -> Double {
        (imageHeight / 2) / tan(fieldOfView / 2)
    }

    /// Projects a world point to pixel coordinates (origin top left, y down) and its depth along the view axis.
    /// Returns nil for points behind the near plane (depth < 0.01 m).
    public func project(x: Double, y: Double, z: Double, width: Double, height imageHeight: Double) -> (x: Double, y: Double, depth: Double)? {
        let dx = x - panX, dy = y - height, dz = z
        let s = sin(pitch), c = cos(pitch)
        // Camera basis: right = (1,0,0), up = (0, cos, -sin), forward = (0, sin, cos).
        let xc = dx
        let yc = dy * c - dz * s
        let zc = dy * s + dz * c
        guard zc > 0.01 else { return nil }
        let f = focalLength(imageHeight: imageHeight)
        var sx = f * xc / zc
        var sy = -f * yc / zc
        if roll != 0 {
            let cr = cos(roll), sr = sin(roll)
            (sx, sy) = (sx * cr - sy * sr, sx * sr + sy * cr)
        }
        return (width / 2 + sx, imageHeight / 2 + sy, zc)
    }

    /// Screen y of the horizon (where the ground plane meets infinity) at the image centre, before roll.
    public func horizonY(imageHeight: Double) -> Double {
        imageHeight / 2 + focalLength(imageHeight: imageHeight) * tan(pitch)
    }
}
