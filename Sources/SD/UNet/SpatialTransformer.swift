/// diffusers' `Transformer2DModel` with one `BasicTransformerBlock`: image features attend to themselves, then
/// to the text, then pass a GEGLU feed-forward; in and out through 1×1 convolutions (SD 1.x) or linears (SD 2.x).
struct SpatialTransformer: Sendable {
    let norm: GroupNorm
    let projectIn: Projection, projectOut: Projection
    let norm1: LayerNorm, norm2: LayerNorm, norm3: LayerNorm
    let selfAttention: AttentionLayer, crossAttention: AttentionLayer
    let geglu: Linear, feedOut: Linear

    /// A 1×1 convolution or a linear layer: the same map, stored with or without the trailing 1×1 axes.
    enum Projection: Sendable {
        case conv(Conv2D)
        case linear(Linear)
    }

    init(_ w: WeightScope, channels: Int, heads: Int, contextDim: Int, groups: Int, linearProjection: Bool) throws {
        let headDim = channels / heads
        norm = try GroupNorm(w["norm"], groups: groups, channels: channels, epsilon: 1e-6)
        func projection(_ name: String) throws -> Projection {
            linearProjection ? .linear(try Linear(w[name], inFeatures: channels, outFeatures: channels))
                : .conv(try Conv2D(w[name], inChannels: channels, outChannels: channels, kernel: 1))
        }
        projectIn = try projection("proj_in")
        projectOut = try projection("proj_out")
        let block = w["transformer_blocks.0"]
        norm1 = try LayerNorm(block["norm1"], features: channels)
        norm2 = try LayerNorm(block["norm2"], features: channels)
        norm3 = try LayerNorm(block["norm3"], features: channels)
        selfAttention = try AttentionLayer(block["attn1"], queryDim: channels, contextDim: channels, heads: heads, headDim: headDim)
        crossAttention = try AttentionLayer(block["attn2"], queryDim: channels, contextDim: contextDim, heads: heads, headDim: headDim)
        geglu = try Linear(block["ff.net.0.proj"], inFeatures: channels, outFeatures: channels * 8)
        feedOut = try Linear(block["ff.net.2"], inFeatures: channels * 4, outFeatures: channels)
    }

    func callAsFunction(_ x: Tensor, context: Tensor) -> Tensor {
        let height = x.shape[2], width = x.shape[3]
        var h = norm(x)
        switch projectIn {
        case .conv(let conv): h = conv(h).channelsLast()
        case .linear(let linear): h = linear(h.channelsLast())
        }
        h.add(selfAttention(norm1(h)))
        h.add(crossAttention(norm2(h), context: context))
        h.add(feedOut(GEGLU.apply(geglu(norm3(h)))))
        switch projectOut {
        case .conv(let conv): h = conv(h.channelsFirst(height: height, width: width))
        case .linear(let linear): h = linear(h).channelsFirst(height: height, width: width)
        }
        h.add(x)
        return h
    }
}

/// GEGLU (Shazeer 2020): the projection's first half times exact GELU of its second half.
enum GEGLU {
    static func apply(_ x: Tensor) -> Tensor {
        let width = x.shape.last! / 2, rows = x.count / (2 * width)
        var out = [Float](repeating: 0, count: rows * width)
        x.data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                let s = UnsafeSendableBox(src.baseAddress!), d = UnsafeSendableBox(dst.baseAddress!)
                Parallel.forEach(rows, minimumPerThread: 32) { r in
                    let row = s.value + r * 2 * width, target = d.value + r * width
                    target.update(from: row + width, count: width)
                    VectorMath.map(target, count: width, VectorMath.gelu)
                    for i in 0..<width { target[i] *= row[i] }
                }
            }
        }
        return Tensor(shape: Array(x.shape.dropLast()) + [width], data: out)
    }
}
