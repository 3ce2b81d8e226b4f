/// A fully connected layer (PyTorch `nn.Linear`): y = x · Wᵀ + b over the last axis.
public struct Linear: Sendable {
    public let inFeatures: Int, outFeatures: Int
    let weight: Weight
    let bias: [Float]?

    /// The weight as the products read it.
    enum Weight: Sendable {
        /// Wᵀ in panels, for `Matmul` (16-bit when the checkpoint's weights are).
        case panels(PackedPanels)
        /// [out, in], row-major, for OpenBLAS where the micro-kernels do not fit the CPU.
        case rows([Float])
    }

    public init(_ scope: WeightScope, inFeatures: Int, outFeatures: Int, bias: Bool = true) throws {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        let rows = try scope.values("weight", shape: [outFeatures, inFeatures])
        weight = Matmul.isAvailable ? .panels(PackedPanels(transposing: rows, outputs: outFeatures, inputs: inFeatures))
            : .rows(rows.floats)
        self.bias = bias ? try scope.floats("bias", shape: [outFeatures]) : nil
    }

    /// Accepts any shape whose last axis is `inFeatures`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == inFeatures, "linear expects last axis \(inFeatures), got \(x.shape)")
        let rows = x.count / inFeatures
        var out = [Float].uninitialized(rows * outFeatures)
        x.data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                switch weight {
                case .panels(let panels):
                    bias.withUnsafeBufferPointerIfPresent { bias in
                        Matmul.multiply(m: rows, a: src.baseAddress!, lda: inFeatures, b: panels, c: dst.baseAddress!,
                                        ldc: outFeatures, bias: bias.map { .perColumn($0) })
                    }
                case .rows(let wt):
                    if let bias {
                        for r in 0..<rows { (dst.baseAddress! + r * outFeatures).update(from: bias, count: outFeatures) }
                    }
                    BLAS.parallelGemm(m: rows, n: outFeatures, k: inFeatures, a: src.baseAddress!, lda: inFeatures,
                                      transB: true, b: wt, ldb: inFeatures, beta: bias == nil ? 0 : 1,
                                      c: dst.baseAddress!, ldc: outFeatures)
                }
            }
        }
        return Tensor(shape: Array(x.shape.dropLast()) + [outFeatures], data: out)
    }
}
