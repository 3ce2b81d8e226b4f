import Foundation
import Imaging

/// A deterministic stand-in for what a neural model renders, for `bench terminal`: smooth sky and ground
/// gradients, a soft sun, fine dark branches and a high-frequency grating (edges), and a little sensor grain, so
/// almost every pixel is a colour of its own, as in a photograph.
enum PhotographicPicture {
    static func make(width: Int = 800, height: Int = 460) -> Frame {
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        var grain: UInt32 = 0x9E37_79B9
        let horizon = Double(height) * 0.62
        for y in 0..<height {
            for x in 0..<width {
                let u = Double(x) / Double(width), v = Double(y) / Double(height)
                var r: Double, g: Double, b: Double
                if Double(y) < horizon {
                    // Dusk sky: deep blue at the top to orange at the horizon, warmer towards the sun.
                    let t = Double(y) / horizon
                    r = 30 + 210 * t * t + 20 * u
                    g = 40 + 120 * t
                    b = 120 + 60 * (1 - t) - 40 * t
                } else {
                    // Sand: warm, darker towards the viewer, with long soft ripples.
                    let t = (Double(y) - horizon) / (Double(height) - horizon)
                    let ripple = 10 * sin(Double(y) * 0.35 + 6 * sin(u * 7))
                    r = 190 - 90 * t + ripple
                    g = 150 - 80 * t + ripple * 0.8
                    b = 100 - 50 * t + ripple * 0.5
                }
                // The sun's glow.
                let dx = u - 0.7, dy = v - 0.5
                let glow = exp(-(dx * dx + dy * dy) * 40)
                r += 60 * glow
                g += 45 * glow
                b += 15 * glow
                // A grating of fine stripes in one corner: one-pixel detail.
                if x < 160, y > height - 120 {
                    let s = (x + y / 2) % 3 == 0 ? -70.0 : 0
                    r += s
                    g += s
                    b += s
                }
                // Branches: thin dark anti-aliased lines.
                for k in 0..<6 {
                    let a = 0.3 + Double(k) * 0.45, cx = 120.0 + Double(k) * 110, cy = 40.0 + Double(k % 3) * 60
                    let d = abs((Double(x) - cx) * sin(a) - (Double(y) - cy) * cos(a))
                    let along = (Double(x) - cx) * cos(a) + (Double(y) - cy) * sin(a)
                    if d < 1.5, along > 0, along < 140 {
                        let k = (1.5 - d) / 1.5
                        r *= 1 - 0.8 * k
                        g *= 1 - 0.8 * k
                        b *= 1 - 0.8 * k
                    }
                }
                grain = grain &* 1_664_525 &+ 1_013_904_223
                let n = Double(Int(grain >> 29)) - 3.5
                let i = (y * width + x) * 4
                pixels[i] = UInt8(max(0, min(255, r + n)))
                pixels[i + 1] = UInt8(max(0, min(255, g + n)))
                pixels[i + 2] = UInt8(max(0, min(255, b + n)))
            }
        }
        return Frame(width: width, height: height, pixels: pixels)
    }
}
