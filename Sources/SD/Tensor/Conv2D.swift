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
    func forward(_ x: Tensor, padBottomRight extra: Int) -> Tensor {
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
                weight.withLeftOperand { left, wt in
                    for b in 0..<n {
                        let input = src.baseAddress! + b * inChannels * h * w
                        let output = dst.baseAddress! + b * outChannels * plane
                        if let bias, !viaWinograd, !viaPanels {
                            for o in 0..<outChannels {
                                let v = bias[o]
                                for p in 0..<plane { output[o * plane + p] = v }
                            }
                        }
                        let beta: Float = bias == nil ? 0 : 1
                        if viaWinograd, let winograd {
                            winograd.forward(input, height: h, width: w, into: output, bias: bias)
                        } else if viaPanels {
                            let panels = direct ? PackedPanels(input, rows: depth, columns: plane, ldb: plane)
                                : PackedPanels(rows: depth, columns: plane) { r, row in
                                    im2colRow(r, of: input, height: h, width: w, outH: outH, outW: outW, into: row)
                                }
                            bias.withUnsafeBufferPointerIfPresent { bias in
                                Matmul.multiply(m: outChannels, a: left!, lda: depth, b: panels, c: output, ldc: plane,
                                                bias: bias.map { .perRow($0) })
                            }
                        } else if direct {
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
