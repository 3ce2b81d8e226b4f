/// An element type the safetensors reader can convert to `Float`.
public enum TensorDType: String, Sendable, CaseIterable {
    case f32 = "F32"
    case f16 = "F16"
    case bf16 = "BF16"

    /// Bytes one element takes in the file.
    public var byteSize: Int {
        switch self {
        case .f32: 4
        case .f16, .bf16: 2
        }
    }

    /// Bytes per element of the other safetensors dtypes, so their data offsets are checked too even though
    /// they cannot be read as floats (sub-byte types such as F4 are absent and go unchecked).
    static let otherByteSizes: [String: Int] = [
        "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1, "F8_E8M0": 1,
        "I16": 2, "U16": 2, "I32": 4, "U32": 4, "F64": 8, "I64": 8, "U64": 8,
    ]
}
