/// A checkpoint's 16-bit weights kept as they are (half the memory of float32), converted to float32 only where a
/// product packs them (see `Matmul`): the conversion is exact, so results equal those of weights expanded at load.
public struct HalfFloats: Sendable {
    /// IEEE binary16 or bfloat16.
    public enum Format: Sendable {
        case f16, bf16
    }

    public let format: Format
    /// The raw bit patterns, in the tensor's element order.
    public let bits: [UInt16]

    public init(format: Format, bits: [UInt16]) {
        self.format = format
        self.bits = bits
    }

    public var count: Int { bits.count }

    /// Every value as float32.
    public var floats: [Float] {
        [Float](unsafeUninitializedCapacity: bits.count) { output, initialized in
            bits.withUnsafeBufferPointer { format.convert($0.baseAddress!, count: bits.count, into: output.baseAddress!) }
            initialized = bits.count
        }
    }
}

extension HalfFloats.Format {
    /// Converts `count` bit patterns at `source` into floats at `target`. Plain loops the vectoriser turns into
    /// `vcvtph2ps` (F16C) or `fcvtl` (NEON) eight or four at a time, and shifts for bf16; a hand-written SIMD8
    /// version was 20× slower, its lane-type conversions and masks lowered lane by lane.
    @inline(__always)
    func convert(_ source: UnsafePointer<UInt16>, count: Int, into target: UnsafeMutablePointer<Float>) {
        switch self {
        case .f16:
            for i in 0..<count { target[i] = Float(Float16(bitPattern: source[i])) }
        case .bf16:
            // bf16 is the top half of an f32.
            for i in 0..<count { target[i] = Float(bitPattern: UInt32(source[i]) << 16) }
        }
    }
}
