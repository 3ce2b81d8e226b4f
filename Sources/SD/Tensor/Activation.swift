import Foundation

/// The element-wise non-linearities the SD family uses, each exactly as its reference defines it.
public enum Activation: String, Sendable {
    case silu
    /// Exact GELU, x·Φ(x) with the error function (PyTorch's default `gelu`).
    case gelu
    /// x·σ(1.702x), OpenAI CLIP's approximation (SD 1.x text encoder).
    case quickGELU = "quick_gelu"
    case relu

    @inline(__always)
    static func silu(_ x: Float) -> Float { x / (1 + exp(-x)) }

    @inline(__always)
    static func gelu(_ x: Float) -> Float { Float(0.5 * Double(x) * (1 + erf(Double(x) * 0.7071067811865476))) }

    @inline(__always)
    static func quickGELU(_ x: Float) -> Float { x / (1 + exp(-1.702 * x)) }

    /// Applies the activation to every element in place.
    public func apply(_ t: inout Tensor) {
        let f: (Float) -> Float
        switch self {
        case .silu: f = Activation.silu
        case .gelu: f = Activation.gelu
        case .quickGELU: f = Activation.quickGELU
        case .relu: f = { max(0, $0) }
        }
        t.data.withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeSendableBox(buffer.baseAddress!)
            let count = buffer.count, chunk = 16_384
            Parallel.forEach((count + chunk - 1) / chunk, minimumPerThread: 4) { c in
                let p = base.value
                for i in (c * chunk)..<min(count, (c + 1) * chunk) { p[i] = f(p[i]) }
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
