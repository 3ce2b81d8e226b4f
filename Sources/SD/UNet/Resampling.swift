/// Nearest-neighbour 2× upsampling of [N, C, H, W] (`F.interpolate(scale_factor=2, mode="nearest")`).
enum Upsample {
    /// Nearest-neighbour resize to height × width, as PyTorch's `interpolate(mode="nearest", size=…)` picks
    /// sources (floor(i · in/out) in float): the UNet's upsamplers take the size of the skip they meet, so a latent
    /// that does not halve evenly (a 144-pixel height: 18 → 9 → 5) comes back to 9 and 18, as diffusers does.
    static func nearest(_ x: Tensor, height: Int, width: Int) -> Tensor {
        let n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3]
        if height == 2 * h && width == 2 * w { return nearest2x(x) }
        let scaleY = Float(h) / Float(height), scaleX = Float(w) / Float(width)
        let rows = (0..<height).map { min(h - 1, Int((Float($0) * scaleY).rounded(.down))) }
        let columns = (0..<width).map { min(w - 1, Int((Float($0) * scaleX).rounded(.down))) }
        var out = [Float](repeating: 0, count: n * c * height * width)
        for plane in 0..<(n * c) {
            let input = plane * h * w, output = plane * height * width
            for y in 0..<height {
                for xx in 0..<width { out[output + y * width + xx] = x.data[input + rows[y] * w + columns[xx]] }
            }
        }
        return Tensor(shape: [n, c, height, width], data: out)
    }

    static func nearest2x(_ x: Tensor) -> Tensor {
        let n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3]
        var out = [Float](repeating: 0, count: n * c * h * w * 4)
        x.data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                let s = UnsafeSendableBox(src.baseAddress!), d = UnsafeSendableBox(dst.baseAddress!)
                Parallel.forEach(n * c) { plane in
                    let input = s.value + plane * h * w, output = d.value + plane * h * w * 4
                    for y in 0..<h {
                        let row = output + (2 * y) * (2 * w)
                        for xx in 0..<w {
                            let v = input[y * w + xx]
                            row[2 * xx] = v
                            row[2 * xx + 1] = v
                        }
                        (row + 2 * w).update(from: row, count: 2 * w)
                    }
                }
            }
        }
        return Tensor(shape: [n, c, h * 2, w * 2], data: out)
    }
}
