/// A fully connected layer (PyTorch `nn.Linear`): y = x · Wᵀ + b over the last axis.
public struct Linear: Sendable {
    public let inFeatures: Int, outFeatures: Int
    /// [out, in], row-major.
    let weight: [Float]
    let bias: [Float]?

    public init(_ scope: WeightScope, inFeatures: Int, outFeatures: Int, bias: Bool = true) throws {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        weight = try scope.floats("weight", shape: [outFeatures, inFeatures])
        self.bias = bias ? try scope.floats("bias", shape: [outFeatures]) : nil
    }

    /// Accepts any shape whose last axis is `inFeatures`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == inFeatures, "linear expects last axis \(inFeatures), got \(x.shape)")
        let rows = x.count / inFeatures
        var out = [Float].uninitialized(rows * outFeatures)
        if let bias {
            for r in 0..<rows {
                for o in 0..<outFeatures { out[r * outFeatures + o] = bias[o] }
            }
        }
        x.data.withUnsafeBufferPointer { src in
            weight.withUnsafeBufferPointer { wt in
                out.withUnsafeMutableBufferPointer { dst in
                    BLAS.gemm(transB: true, m: rows, n: outFeatures, k: inFeatures, a: src.baseAddress!, lda: inFeatures,
                              b: wt.baseAddress!, ldb: inFeatures, beta: bias == nil ? 0 : 1, c: dst.baseAddress!,
                              ldc: outFeatures)
                }
            }
        }
        return Tensor(shape: Array(x.shape.dropLast()) + [outFeatures], data: out)
    }
}
