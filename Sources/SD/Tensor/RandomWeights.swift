/// Random parameters of whatever shape a layer asks for, so benchmarks can build real-size architectures
/// without a checkpoint. Scaled by 1/sqrt(fan-in) so activations stay in range through deep stacks.
public final class RandomWeights: WeightSource, @unchecked Sendable {
    private var state: UInt64 = 0x5EED_5EED
    /// Total parameters handed out, for reporting model size.
    public private(set) var parameterCount = 0
    /// Set to hand out matrices (two or more axes) as f16, as most checkpoints store them.
    let halfMatrices: Bool

    /// `halfMatrices`: matrices as f16 (as a checkpoint stored in f16 holds them), vectors as float32.
    public init(halfMatrices: Bool = false) {
        self.halfMatrices = halfMatrices
    }

    public func values(_ name: String, shape: [Int]) throws -> WeightValues {
        let values = try floats(name, shape: shape)
        guard halfMatrices && shape.count > 1 else { return .float(values) }
        return .half(HalfFloats(format: .f16, bits: values.map { Float16($0).bitPattern }))
    }

    public func floats(_ name: String, shape: [Int]) throws -> [Float] {
        let count = shape.reduce(1, *)
        parameterCount += count
        if shape.count == 1 && name.contains("norm") && name.hasSuffix(".weight") {
            return [Float](repeating: 1, count: count)
        }
        if shape.count == 1 { return [Float](repeating: 0, count: count) }
        let fanIn = shape.dropFirst().reduce(1, *)
        // Uniform on ±sqrt(3/fan-in): unit variance per input, and far cheaper than Gaussian draws for 10⁹ values.
        let scale = (3 / Float(fanIn)).squareRoot() / Float(UInt32.max / 2)
        var out = [Float](repeating: 0, count: count)
        var s = state
        for i in 0..<count {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17  // xorshift64
            out[i] = (Float(UInt32(truncatingIfNeeded: s >> 32)) - Float(UInt32.max / 2)) * scale
        }
        state = s
        return out
    }

    public func contains(_ name: String) -> Bool { true }
}
