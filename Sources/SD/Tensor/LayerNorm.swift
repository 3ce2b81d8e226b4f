/// Layer normalisation over the last axis (PyTorch `nn.LayerNorm`), statistics accumulated in Double.
public struct LayerNorm: Sendable {
    public let features: Int
    let epsilon: Double
    let weight: [Float], bias: [Float]

    public init(_ scope: WeightScope, features: Int, epsilon: Double = 1e-5) throws {
        self.features = features
        self.epsilon = epsilon
        weight = try scope.floats("weight", shape: [features])
        bias = try scope.floats("bias", shape: [features])
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == features, "layer norm expects last axis \(features), got \(x.shape)")
        let rows = x.count / features
        var out = x.data
        out.withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeSendableBox(buffer.baseAddress!)
            Parallel.forEach(rows, minimumPerThread: 64) { r in
                let row = base.value + r * features
                var sum = 0.0
                for i in 0..<features { sum += Double(row[i]) }
                let mean = sum / Double(features)
                var squares = 0.0
                for i in 0..<features {
                    let d = Double(row[i]) - mean
                    squares += d * d
                }
                let inverse = 1 / (squares / Double(features) + epsilon).squareRoot()
                for i in 0..<features {
                    row[i] = Float((Double(row[i]) - mean) * inverse) * weight[i] + bias[i]
                }
            }
        }
        return Tensor(shape: x.shape, data: out)
    }
}
