/// The element-wise non-linearities the SD family uses, each exactly as its reference defines it.
public enum Activation: String, Sendable {
    case silu
    /// Exact GELU, x·Φ(x) with the error function (PyTorch's default `gelu`).
    case gelu
    /// x·σ(1.702x), OpenAI CLIP's approximation (SD 1.x text encoder).
    case quickGELU = "quick_gelu"
    case relu

    /// Applies the activation to every element in place.
    public func apply(_ t: inout Tensor) {
        let kind = self
        t.data.withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeSendableBox(buffer.baseAddress!)
            let count = buffer.count, chunk = 16_384
            Parallel.forEach((count + chunk - 1) / chunk, minimumPerThread: 4) { c in
                let p = base.value + c * chunk, n = min(count, (c + 1) * chunk) - c * chunk
                switch kind {
                case .silu: VectorMath.map(p, count: n, VectorMath.silu)
                case .gelu: VectorMath.map(p, count: n, VectorMath.gelu)
                case .quickGELU: VectorMath.map(p, count: n, VectorMath.quickGELU)
                case .relu: VectorMath.map(p, count: n) { $0.replacing(with: 0, where: $0 .< 0) }
                }
            }
        }
    }

    /// The activation named in a config file ("silu"/"swish", "gelu", "quick_gelu", "relu").
    public init?(configName: String) {
        switch configName {
        case "silu", "swish": self = .silu
        case "gelu": self = .gelu
        case "quick_gelu": self = .quickGELU
        case "relu": self = .relu
        default: return nil
        }
    }
}
