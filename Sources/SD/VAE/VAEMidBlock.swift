/// The VAE's middle: ResNet, single-head spatial self-attention with a residual, ResNet (no time embedding).
struct VAEMidBlock: Sendable {
    let resnet1: ResnetBlock, resnet2: ResnetBlock
    let norm: GroupNorm
    let q: Linear, k: Linear, v: Linear, out: Linear

    init(_ w: WeightScope, channels: Int, groups: Int) throws {
        resnet1 = try ResnetBlock(w["resnets.0"], inChannels: channels, outChannels: channels, timeChannels: nil, groups: groups, epsilon: 1e-6)
        resnet2 = try ResnetBlock(w["resnets.1"], inChannels: channels, outChannels: channels, timeChannels: nil, groups: groups, epsilon: 1e-6)
        let a = w["attentions.0"]
        norm = try GroupNorm(a["group_norm"], groups: groups, channels: channels, epsilon: 1e-6)
        q = try Linear(a["to_q"], inFeatures: channels, outFeatures: channels)
        k = try Linear(a["to_k"], inFeatures: channels, outFeatures: channels)
        v = try Linear(a["to_v"], inFeatures: channels, outFeatures: channels)
        out = try Linear(a["to_out.0"], inFeatures: channels, outFeatures: channels)
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        let h = resnet1(x)
        let tokens = norm(h).channelsLast()
        let attended = out(SelfAttention.run(q: q(tokens), k: k(tokens), v: v(tokens), heads: 1))
        var mixed = attended.channelsFirst(height: h.shape[2], width: h.shape[3])
        mixed.add(h)
        return resnet2(mixed)
    }
}
