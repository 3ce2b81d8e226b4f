/// Batched multi-head attention over already-projected [N, T, C] queries and [N, S, C] keys and values.
enum SelfAttention {
    static func run(q: Tensor, k: Tensor, v: Tensor, heads: Int, causal: Bool = false) -> Tensor {
        let n = q.shape[0], t = q.shape[1], c = q.shape[2], s = k.shape[1]
        precondition(k.shape == [n, s, c] && v.shape == [n, s, c] && c % heads == 0)
        var out = [Float].uninitialized(n * t * c)
        q.data.withUnsafeBufferPointer { qp in
            k.data.withUnsafeBufferPointer { kp in
                v.data.withUnsafeBufferPointer { vp in
                    out.withUnsafeMutableBufferPointer { op in
                        for b in 0..<n {
                            Attention.multiHead(q: qp.baseAddress! + b * t * c, k: kp.baseAddress! + b * s * c,
                                                v: vp.baseAddress! + b * s * c, out: op.baseAddress! + b * t * c,
                                                queries: t, keys: s, heads: heads, headDim: c / heads, causal: causal)
                        }
                    }
                }
            }
        }
        return Tensor(shape: [n, t, c], data: out)
    }
}
