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
                var sum = 0.0, squares = 0.0
                for i in 0..<count {
                    let v = Double(start[i])
                    sum += v
                    squares += v * v
                }
                let mean = sum / Double(count)
                let variance = max(0, squares / Double(count) - mean * mean)
                let inverse = 1 / (variance + epsilon).squareRoot()
                for c in 0..<perGroup {
                    let channel = g * perGroup + c
                    let scale = Float(inverse) * weight[channel]
                    let shift = bias[channel] - Float(mean) * scale
                    let row = start + c * plane
                    if silu {
                        for i in 0..<plane { row[i] = Activation.silu(row[i] * scale + shift) }
                    } else {
                        for i in 0..<plane { row[i] = row[i] * scale + shift }
                    }
                }
            }
        }
        return Tensor(shape: x.shape, data: out)
    }
}
