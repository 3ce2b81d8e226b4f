import Imaging

/// Decoder tensors ([1, 3, H, W], about [-1, 1]) as 8-bit frames, rounded as diffusers rounds them.
public enum ImageTensor {
    /// (x / 2 + 0.5) clamped to [0, 1], times 255, rounded: diffusers' `numpy_to_pil`.
    public static func frame(_ image: Tensor) -> Frame {
        precondition(image.shape.count == 4 && image.shape[1] == 3, "expected [1, 3, H, W], got \(image.shape)")
        let h = image.shape[2], w = image.shape[3], plane = h * w
        var pixels = [UInt8](repeating: 255, count: plane * 4)
        for c in 0..<3 {
            for p in 0..<plane {
                let v = min(1, max(0, image.data[c * plane + p] / 2 + 0.5))
                pixels[p * 4 + c] = UInt8((v * 255).rounded())
            }
        }
        return Frame(width: w, height: h, pixels: pixels)
    }
}
