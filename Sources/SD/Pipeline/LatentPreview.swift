import Imaging

/// A preview of SD latents without any decoder: a fixed linear map from the four latent channels to RGB
/// (the widely used least-squares fit for SD 1.x/2.x VAEs), one pixel per latent cell.
public enum LatentPreview {
    /// RGB contribution of each latent channel.
    static let factors: [(Float, Float, Float)] = [
        (0.298, 0.207, 0.208), (0.187, 0.286, 0.173), (-0.158, 0.189, 0.264), (-0.184, -0.271, -0.473),
    ]

    public static func frame(latent: [Float], shape: [Int]) -> Frame {
        let h = shape[2], w = shape[3], plane = h * w
        var pixels = [UInt8](repeating: 255, count: plane * 4)
        for p in 0..<plane {
            var rgb: (Float, Float, Float) = (0, 0, 0)
            for c in 0..<min(4, shape[1]) {
                let v = latent[c * plane + p], f = factors[c]
                rgb.0 += v * f.0; rgb.1 += v * f.1; rgb.2 += v * f.2
            }
            for (i, v) in [rgb.0, rgb.1, rgb.2].enumerated() {
                pixels[p * 4 + i] = UInt8(max(0, min(255, ((v + 1) * 127.5).rounded())))
            }
        }
        return Frame(width: w, height: h, pixels: pixels)
    }
}
