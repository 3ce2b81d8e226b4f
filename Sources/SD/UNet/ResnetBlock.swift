/// diffusers' `ResnetBlock2D`: GN-SiLU-conv, plus the projected time embedding, GN-SiLU-conv, plus a shortcut.
struct ResnetBlock: Sendable {
    let norm1: GroupNorm, norm2: GroupNorm
    let conv1: Conv2D, conv2: Conv2D
    let timeProjection: Linear?
    let shortcut: Conv2D?

    init(_ w: WeightScope, inChannels: Int, outChannels: Int, timeChannels: Int?, groups: Int, epsilon: Double) throws {
        norm1 = try GroupNorm(w["norm1"], groups: groups, channels: inChannels, epsilon: epsilon)
        conv1 = try Conv2D(w["conv1"], inChannels: inChannels, outChannels: outChannels, kernel: 3)
        timeProjection = try timeChannels.map { try Linear(w["time_emb_proj"], inFeatures: $0, outFeatures: outChannels) }
        norm2 = try GroupNorm(w["norm2"], groups: groups, channels: outChannels, epsilon: epsilon)
        conv2 = try Conv2D(w["conv2"], inChannels: outChannels, outChannels: outChannels, kernel: 3)
        shortcut = inChannels == outChannels ? nil
            : try Conv2D(w["conv_shortcut"], inChannels: inChannels, outChannels: outChannels, kernel: 1)
    }

    /// `activatedTime` is SiLU(time embedding), [N, timeChannels].
    func callAsFunction(_ x: Tensor, activatedTime: Tensor? = nil) -> Tensor {
        var h = conv1(norm1(x, silu: true))
        if let timeProjection, let activatedTime {
            let t = timeProjection(activatedTime)
            let n = h.shape[0], c = h.shape[1], plane = h.shape[2] * h.shape[3]
            h.data.withUnsafeMutableBufferPointer { p in
                for b in 0..<n {
                    for ch in 0..<c {
                        let v = t.data[b * c + ch], base = (b * c + ch) * plane
                        for i in 0..<plane { p[base + i] += v }
                    }
                }
            }
        }
        h = conv2(norm2(h, silu: true))
        h.add(shortcut.map { $0(x) } ?? x)
        return h
    }
}
