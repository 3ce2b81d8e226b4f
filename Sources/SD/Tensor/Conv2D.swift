/// A 2-D convolution (PyTorch `nn.Conv2d` semantics, square kernel, zero padding) computed as im2col + sgemm.
public struct Conv2D: Sendable {
    public let inChannels: Int, outChannels: Int, kernel: Int, stride: Int, padding: Int
    /// [out, in, k, k], row-major: exactly the left matrix of the GEMM, kept 16-bit when the checkpoint is (and
    /// our products are used).
    let weight: WeightValues
    let bias: [Float]?
    /// Set for 3×3 stride-1 layers that run as Winograd F(2×2, 3×3); `weight` is then left empty.
    let winograd: Winograd?

    public init(_ scope: WeightScope, inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1,
                padding: Int? = nil, bias: Bool = true) throws {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding ?? kernel / 2
        let weight = try scope.values("weight", shape: [outChannels, inChannels, kernel, kernel])
        self.bias = bias ? try scope.floats("bias", shape: [outChannels]) : nil
        if Winograd.applies(kernel: kernel, stride: stride, padding: self.padding, inChannels: inChannels, outChannels: outChannels) {
            winograd = Winograd(weight: weight.floats, inChannels: inChannels, outChannels: outChannels)
            self.weight = .float([])
        } else {
            winograd = nil
            self.weight = Matmul.isAvailable ? weight : .float(weight.floats)
        }
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        forward(x, padBottomRight: 0)
    }

    /// The convolution with extra zero rows/columns at the bottom and right only (the VAE encoder's downsampler
    /// pads (0, 1, 0, 1) and convolves with padding 0).
    /// `batchBudget`: at most this many floats of im2col columns per product (tests set it low to split a batch).
    func forward(_ x: Tensor, padBottomRight extra: Int, batchBudget: Int = 1 << 23) -> Tensor {
        precondition(x.shape.count == 4 && x.shape[1] == inChannels,
                     "conv expects [N, \(inChannels), H, W], got \(x.shape)")
        let n = x.shape[0], h = x.shape[2], w = x.shape[3]
        let outH = (h + 2 * padding + extra - kernel) / stride + 1
        let outW = (w + 2 * padding + extra - kernel) / stride + 1
        let plane = outH * outW
        let depth = inChannels * kernel * kernel
        var out = [Float].uninitialized(n * outChannels * plane)
        let direct = kernel == 1 && stride == 1 && padding == 0 && extra == 0
        let viaWinograd = winograd != nil && extra == 0
        let viaPanels = Matmul.isAvailable && !viaWinograd
        var columns = direct || viaWinograd || viaPanels ? [] : [Float].uninitialized(depth * plane)
        x.data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                if viaWinograd, let winograd {
                    winograd.forward(src.baseAddress!, images: n, height: h, width: w, into: dst.baseAddress!, bias: bias)
                    return
                }
                weight.withLeftOperand { left, wt in
                    if viaPanels {
                        batchedProduct(left!, src.baseAddress!, images: n, height: h, width: w, outH: outH, outW: outW,
                                       direct: direct, budget: batchBudget, into: dst.baseAddress!)
                        return
                    }
                    // OpenBLAS (STORYREEL_SD_GEMM=openblas), image by image.
                    for b in 0..<n {
                        let input = src.baseAddress! + b * inChannels * h * w
                        let output = dst.baseAddress! + b * outChannels * plane
                        if let bias {
                            for o in 0..<outChannels {
                                let v = bias[o]
                                for p in 0..<plane { output[o * plane + p] = v }
                            }
                        }
                        let beta: Float = bias == nil ? 0 : 1
                        if direct {
                            BLAS.parallelGemm(m: outChannels, n: plane, k: depth, a: wt!, lda: depth,
                                              b: input, ldb: plane, beta: beta, c: output, ldc: plane)
                        } else {
                            columns.withUnsafeMutableBufferPointer { col in
                                let target = UnsafeSendableBox(col.baseAddress!), source = UnsafeSendableBox(input)
                                Parallel.forEach(depth, minimumPerThread: 64) { r in
                                    im2colRow(r, of: source.value, height: h, width: w, outH: outH, outW: outW,
                                              into: target.value + r * plane)
                                }
                                BLAS.parallelGemm(m: outChannels, n: plane, k: depth, a: wt!, lda: depth,
                                                  b: col.baseAddress!, ldb: plane, beta: beta, c: output, ldc: plane)
                            }
                        }
                    }
                }
            }
        }
        return Tensor(shape: [n, outChannels, outH, outW], data: out)
    }

    /// The convolution of a batch as products whose columns are several images' im2col columns side by side, so
    /// the weights stream from memory (and 16-bit ones are converted) once per group of images instead of once per
    /// image; the product's [out, images·plane] result is then copied to [images, out, plane]. A group is all of
    /// the batch unless its columns would pass 8M floats (32 MB).
    private func batchedProduct(_ left: Matmul.Left, _ input: UnsafePointer<Float>, images n: Int, height h: Int, width w: Int,
                                outH: Int, outW: Int, direct: Bool, budget: Int, into output: UnsafeMutablePointer<Float>) {
        let plane = outH * outW, depth = inChannels * kernel * kernel, imageSize = inChannels * h * w
        let group = max(1, min(n, budget / max(1, depth * plane)))
        var staging = group > 1 ? [Float].uninitialized(outChannels * group * plane) : []
        staging.withUnsafeMutableBufferPointer { staged in
            bias.withUnsafeBufferPointerIfPresent { bias in
                for first in Swift.stride(from: 0, to: n, by: group) {
                    let count = min(group, n - first), columns = count * plane
                    let source = input + first * imageSize
                    let panels: PackedPanels
                    if direct && count == 1 {
                        panels = PackedPanels(source, rows: depth, columns: plane, ldb: plane)
                    } else {
                        panels = PackedPanels(rows: depth, columns: columns) { r, row in
                            for i in 0..<count {
                                let image = source + i * imageSize
                                if direct {
                                    (row + i * plane).update(from: image + r * plane, count: plane)
                                } else {
                                    im2colRow(r, of: image, height: h, width: w, outH: outH, outW: outW, into: row + i * plane)
                                }
                            }
                        }
                    }
                    let target = count == 1 ? output + first * outChannels * plane : staged.baseAddress!
                    Matmul.multiply(m: outChannels, a: left, lda: depth, b: panels, c: target, ldc: columns,
                                    bias: bias.map { .perRow($0) })
                    guard count > 1 else { continue }
                    let from = UnsafeSendableBox(staged.baseAddress!), to = UnsafeSendableBox(output + first * outChannels * plane)
                    Parallel.forEach(outChannels, minimumPerThread: 16) { o in
                        for i in 0..<count {
                            (to.value + (i * outChannels + o) * plane).update(from: from.value + o * columns + i * plane, count: plane)
                        }
                    }
                }
            }
        }
    }

    /// Row (c, ky, kx) of the im2col matrix: input channel c shifted by the kernel tap, one value per output pixel.
    private func im2colRow(_ r: Int, of input: UnsafePointer<Float>, height h: Int, width w: Int, outH: Int, outW: Int,
                           into dst: UnsafeMutablePointer<Float>) {
        let c = r / (kernel * kernel), ky = r / kernel % kernel, kx = r % kernel
        let channel = input + c * h * w
        for oy in 0..<outH {
            let iy = oy * stride - padding + ky
            let dstRow = dst + oy * outW
            if iy < 0 || iy >= h {
                dstRow.update(repeating: 0, count: outW)
                continue
            }
            let srcRow = channel + iy * w
            if stride == 1 {
                // Contiguous run: zero the padded ends, copy the middle.
                let shift = kx - padding
                let lo = min(outW, max(0, -shift)), hi = min(outW, w - shift)
                if lo > 0 { dstRow.update(repeating: 0, count: lo) }
                if hi > lo { dstRow.advanced(by: lo).update(from: srcRow + lo + shift, count: hi - lo) }
                if hi < outW { dstRow.advanced(by: max(hi, lo)).update(repeating: 0, count: outW - max(hi, lo)) }
            } else {
                for ox in 0..<outW {
                    let ix = ox * stride - padding + kx
                    dstRow[ox] = ix >= 0 && ix < w ? srcRow[ix] : 0
                }
            }
        }
    }
}
