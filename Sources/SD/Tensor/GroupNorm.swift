/// Group normalisation over [N, C, H, W] (PyTorch `nn.GroupNorm`), optionally followed by SiLU, which every
/// ResNet block applies straight after it. Statistics accumulate in Double.
public struct GroupNorm: Sendable {
    public let groups: Int, channels: Int
    let epsilon: Double
    let weight: [Float], bias: [Float]

    public init(_ scope: WeightScope, groups: Int, channels: Int, epsilon: Double) throws {
        precondition(channels % groups == 0, "\(channels) channels do not split into \(groups) groups")
        self.groups = groups
        self.channels = channels
        self.epsilon = epsilon
        weight = try scope.floats("weight", shape: [channels])
        bias = try scope.floats("bias", shape: [channels])
    }

    public func callAsFunction(_ x: Tensor, silu: Bool = false) -> Tensor {
        precondition(x.shape.count == 4 && x.shape[1] == channels, "group norm expects [N, \(channels), H, W], got \(x.shape)")
        let n = x.shape[0], plane = x.shape[2] * x.shape[3], perGroup = channels / groups
        var out = x.data
        out.withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeSendableBox(buffer.baseAddress!)
            Parallel.forEach(n * groups) { job in
                let b = job / groups, g = job % groups
                let start = base.value + (b * channels + g * perGroup) * plane
                let count = perGroup * plane
                // Two passes (mean, then squared deviations), each summed in float lanes per 1024-value block
                // and in Double across blocks: accurate for large planes, and vectorised.
                let mean = Self.blockSum(start, count: count) { $0 } / Double(count)
                let m = Float(mean)
                let variance = Self.blockSum(start, count: count) { ($0 - m) * ($0 - m) } / Double(count)
                let inverse = 1 / (variance + epsilon).squareRoot()
                for c in 0..<perGroup {
                    let channel = g * perGroup + c
                    let scale = Float(inverse) * weight[channel]
                    let shift = bias[channel] - Float(mean) * scale
                    let row = start + c * plane
                    if silu {
                        VectorMath.map(row, count: plane) { VectorMath.silu($0 * scale + shift) }
                    } else {
                        VectorMath.map(row, count: plane) { $0 * scale + shift }
                    }
                }
            }
        }
        return Tensor(shape: x.shape, data: out)
    }

    /// Σ f(p[i]), eight float lanes per block of 1024 values, blocks added in Double.
    @inline(__always)
    static func blockSum(_ p: UnsafeMutablePointer<Float>, count: Int, _ f: (SIMD8<Float>) -> SIMD8<Float>) -> Double {
        var total = 0.0
        var start = 0
        while start < count {
            let end = min(count, start + 1024)
            var lanes = SIMD8<Float>(repeating: 0)
            var i = start
            while i + 8 <= end {
                lanes += f(UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self))
                i += 8
            }
            var blockTotal = Double(lanes.sum())
            while i < end {
                blockTotal += Double(f(SIMD8<Float>(repeating: p[i]))[0])
                i += 1
            }
            total += blockTotal
            start = end
        }
        return total
    }
}
