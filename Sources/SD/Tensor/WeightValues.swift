/// A parameter as a weight source hands it over: float32, or 16-bit floats the layers may keep as they are.
public enum WeightValues: Sendable {
    case float([Float])
    case half(HalfFloats)

    /// The values as float32 (converted when 16-bit).
    public var floats: [Float] {
        switch self {
        case .float(let values): values
        case .half(let values): values.floats
        }
    }

    public var count: Int {
        switch self {
        case .float(let values): values.count
        case .half(let values): values.count
        }
    }
}

extension WeightValues {
    /// The values as a product's left operand for the duration of `body`, and as float32 when they are (for
    /// OpenBLAS); both nil when there are none (a Winograd layer's emptied weight).
    func withLeftOperand<R>(_ body: (Matmul.Left?, UnsafePointer<Float>?) -> R) -> R {
        switch self {
        case .float(let values):
            return values.withUnsafeBufferPointer { buffer in body(buffer.baseAddress.map { .float($0) }, buffer.baseAddress) }
        case .half(let values):
            return values.bits.withUnsafeBufferPointer { buffer in
                body(buffer.baseAddress.map { .half($0, values.format) }, nil)
            }
        }
    }
}
