/// Nearest-neighbour 2× upsampling of [N, C, H, W] (`F.interpolate(scale_factor=2, mode="nearest")`).
enum Upsample {
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
