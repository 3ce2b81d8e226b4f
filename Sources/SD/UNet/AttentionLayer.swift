/// diffusers' `Attention` as the UNet uses it: bias-free q/k/v projections, biased output projection.
struct AttentionLayer: Sendable {
    let q: Linear, k: Linear, v: Linear, out: Linear
    let heads: Int

    init(_ w: WeightScope, queryDim: Int, contextDim: Int, heads: Int, headDim: Int) throws {
        let inner = heads * headDim
        q = try Linear(w["to_q"], inFeatures: queryDim, outFeatures: inner, bias: false)
        k = try Linear(w["to_k"], inFeatures: contextDim, outFeatures: inner, bias: false)
        v = try Linear(w["to_v"], inFeatures: contextDim, outFeatures: inner, bias: false)
        out = try Linear(w["to_out.0"], inFeatures: inner, outFeatures: queryDim)
        self.heads = heads
    }

    /// Self-attention when `context` is nil, cross-attention otherwise ([N, T, C] in and out).
    func callAsFunction(_ x: Tensor, context: Tensor? = nil) -> Tensor {
        let source = context ?? x
        return out(SelfAttention.run(q: q(x), k: k(source), v: v(source), heads: heads))
    }
}
