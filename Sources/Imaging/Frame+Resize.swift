/// Bilinear resampling, for previews and model outputs whose size differs from the frame asked for.
extension Frame {
    /// This frame at `width`×`height`, sampling pixel centres bilinearly (edges clamped).
    public func resized(width newWidth: Int, height newHeight: Int) -> Frame {
        if newWidth == width && newHeight == height { return self }
        var out = [UInt8](repeating: 0, count: newWidth * newHeight * 4)
        let sx = Double(width) / Double(newWidth), sy = Double(height) / Double(newHeight)
        for y in 0..<newHeight {
            let fy = max(0, min(Double(height - 1), (Double(y) + 0.5) * sy - 0.5))
            let y0 = Int(fy), y1 = min(height - 1, y0 + 1), wy = fy - Double(y0)
            for x in 0..<newWidth {
                let fx = max(0, min(Double(width - 1), (Double(x) + 0.5) * sx - 0.5))
                let x0 = Int(fx), x1 = min(width - 1, x0 + 1), wx = fx - Double(x0)
                for c in 0..<4 {
                    let a = Double(pixels[(y0 * width + x0) * 4 + c]), b = Double(pixels[(y0 * width + x1) * 4 + c])
                    let d = Double(pixels[(y1 * width + x0) * 4 + c]), e = Double(pixels[(y1 * width + x1) * 4 + c])
                    let v = (a * (1 - wx) + b * wx) * (1 - wy) + (d * (1 - wx) + e * wx) * wy
                    out[(y * newWidth + x) * 4 + c] = UInt8(max(0, min(255, v.rounded())))
                }
            }
        }
        return Frame(width: newWidth, height: newHeight, pixels: out)
    }
}
