/// AnimateDiff's motion module (diffusers' `AnimateDiffTransformer3D` with one `BasicTransformerBlock`): at every
/// spatial location, the frames attend to each other twice, with the sinusoidal position of each frame added
/// before each attention, then pass a GEGLU feed-forward; the result is added to the input.
///
/// The group norm runs over a whole clip at once (each group's statistics span every frame), as the 5-D
/// [batch, channels, frames, height, width] tensor the reference normalises.
struct TemporalTransformer: Sendable {
    let channels: Int, heads: Int
    let norm: GroupNorm
    let projectIn: Linear, projectOut: Linear
    let norm1: LayerNorm, norm2: LayerNorm, norm3: LayerNorm
    let attention1: AttentionLayer, attention2: AttentionLayer
    let geglu: Linear, feedOut: Linear
    /// [maxFrames, channels] position encodings.
    let positions: [Float]
    let maxFrames: Int

    init(_ w: WeightScope, channels: Int, heads: Int, groups: Int, maxFrames: Int) throws {
        self.channels = channels
        self.heads = heads
        self.maxFrames = maxFrames
        norm = try GroupNorm(w["norm"], groups: groups, channels: channels, epsilon: 1e-6)
        projectIn = try Linear(w["proj_in"], inFeatures: channels, outFeatures: channels)
        projectOut = try Linear(w["proj_out"], inFeatures: channels, outFeatures: channels)
        let block = w["transformer_blocks.0"]
        norm1 = try LayerNorm(block["norm1"], features: channels)
        norm2 = try LayerNorm(block["norm2"], features: channels)
        norm3 = try LayerNorm(block["norm3"], features: channels)
        let headDim = channels / heads
        attention1 = try AttentionLayer(block["attn1"], queryDim: channels, contextDim: channels, heads: heads, headDim: headDim)
        attention2 = try AttentionLayer(block["attn2"], queryDim: channels, contextDim: channels, heads: heads, headDim: headDim)
        geglu = try Linear(block["ff.net.0.proj"], inFeatures: channels, outFeatures: channels * 8)
        feedOut = try Linear(block["ff.net.2"], inFeatures: channels * 4, outFeatures: channels)
        positions = SinusoidalPositions.table(length: maxFrames, channels: channels)
    }

    /// x is [clips·frames, C, H, W], clip-major (CFG's negative clip first, then the positive one).
    func callAsFunction(_ x: Tensor, frames: Int) -> Tensor {
        precondition(x.shape.count == 4 && x.shape[1] == channels && x.shape[0] % frames == 0 && frames <= maxFrames,
                     "temporal transformer expects [clips·\(frames), \(channels), H, W] with at most \(maxFrames) frames, got \(x.shape)")
        let clips = x.shape[0] / frames, plane = x.shape[2] * x.shape[3]
        // [clips, frames, C, HW] → [clips, C, frames, HW]: group norm over (C/groups, frames, HW) per clip.
        let normed = norm(Tensor(shape: [clips, channels, frames, plane],
                                 data: Self.swapMiddle(x.data, outer: clips, a: frames, b: channels, inner: plane)))
        // [clips, C, frames, HW] → [clips, HW, frames, C]: one row per (location, frame).
        var tokens = Tensor(shape: [clips * plane * frames, channels],
                            data: Self.tokens(normed.data, clips: clips, channels: channels, frames: frames, plane: plane))
        tokens = projectIn(tokens)
        tokens.add(attend(attention1, positioned(norm1(tokens), frames: frames), frames: frames))
        tokens.add(attend(attention2, positioned(norm2(tokens), frames: frames), frames: frames))
        tokens.add(feedOut(GEGLU.apply(geglu(norm3(tokens)))))
        tokens = projectOut(tokens)
        // Back to [clips·frames, C, H, W] and add the input.
        var out = Tensor(shape: x.shape, data: Self.untokens(tokens.data, clips: clips, channels: channels, frames: frames, plane: plane))
        out.add(x)
        return out
    }

    func attend(_ layer: AttentionLayer, _ x: Tensor, frames: Int) -> Tensor {
        layer.out(FrameAttention.run(q: layer.q(x), k: layer.k(x), v: layer.v(x), length: frames, heads: heads))
    }

    /// Adds frame f's position encoding to every row of frame f (rows cycle through frames fastest).
    func positioned(_ x: Tensor, frames: Int) -> Tensor {
        var out = x
        out.data.withUnsafeMutableBufferPointer { d in
            positions.withUnsafeBufferPointer { p in
                let rows = d.count / channels
                for r in 0..<rows {
                    let row = d.baseAddress! + r * channels, encoding = p.baseAddress! + (r % frames) * channels
                    for c in 0..<channels { row[c] += encoding[c] }
                }
            }
        }
        return out
    }

    /// [outer, a, b, inner] → [outer, b, a, inner].
    static func swapMiddle(_ src: [Float], outer: Int, a: Int, b: Int, inner: Int) -> [Float] {
        var out = [Float].uninitialized(src.count)
        src.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { d in
                for o in 0..<outer {
                    for i in 0..<a {
                        for j in 0..<b {
                            let from = ((o * a + i) * b + j) * inner, to = ((o * b + j) * a + i) * inner
                            (d.baseAddress! + to).update(from: s.baseAddress! + from, count: inner)
                        }
                    }
                }
            }
        }
        return out
    }

    /// [clips, C, frames, HW] → [clips, HW, frames, C].
    static func tokens(_ src: [Float], clips: Int, channels: Int, frames: Int, plane: Int) -> [Float] {
        var out = [Float].uninitialized(src.count)
        src.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { d in
                for b in 0..<clips {
                    for c in 0..<channels {
                        for f in 0..<frames {
                            let from = ((b * channels + c) * frames + f) * plane
                            var to = (b * plane * frames + f) * channels + c
                            for p in 0..<plane {
                                d[to] = s[from + p]
                                to += frames * channels
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// [clips, HW, frames, C] → [clips, frames, C, HW] (the UNet's [clips·frames, C, H, W]).
    static func untokens(_ src: [Float], clips: Int, channels: Int, frames: Int, plane: Int) -> [Float] {
        var out = [Float].uninitialized(src.count)
        src.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { d in
                for b in 0..<clips {
                    for p in 0..<plane {
                        for f in 0..<frames {
                            let from = ((b * plane + p) * frames + f) * channels
                            let to = (b * frames + f) * channels * plane + p
                            for c in 0..<channels { d[to + c * plane] = s[from + c] }
                        }
                    }
                }
            }
        }
        return out
    }
}
