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
    /// Converts `count` bit patterns at `source` into floats at `target`, eight at a time.
    @inline(__always)
    func convert(_ source: UnsafePointer<UInt16>, count: Int, into target: UnsafeMutablePointer<Float>) {
        var i = 0
        switch self {
        case .f16:
            while i + 8 <= count {
                let half = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<UInt16>.self)
                UnsafeMutableRawPointer(target + i).storeBytes(of: Self.floats(fromHalf: half), as: SIMD8<Float>.self)
                i += 8
            }
            while i < count {
                target[i] = Float(bitPattern: TensorConversion.floatBits(fromHalf: source[i]))
                i += 1
            }
        case .bf16:
            // bf16 is the top half of an f32.
            while i + 8 <= count {
                let brain = SIMD8<UInt32>(truncatingIfNeeded: UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<UInt16>.self))
                UnsafeMutableRawPointer(target + i).storeBytes(of: brain &<< 16, as: SIMD8<UInt32>.self)
                i += 8
            }
            while i < count {
                target[i] = Float(bitPattern: UInt32(source[i]) << 16)
                i += 1
            }
        }
    }

    /// Eight f16 values as f32, exactly, without branches: the exponent and mantissa moved into f32 position read
    /// as a float are the value times 2⁻¹¹² (subnormals included), so one exact multiply rebiases them; infinities
    /// and NaNs get the all-ones exponent instead (NaNs quieted, as `TensorConversion.floatBits` does).
    @inline(__always)
    static func floats(fromHalf half: SIMD8<UInt16>) -> SIMD8<Float> {
        let h = SIMD8<UInt32>(truncatingIfNeeded: half)
        let sign = (h & 0x8000) &<< 16, magnitude = (h & 0x7FFF) &<< 13
        // Same-size vectors: the casts reinterpret bits, as Float(bitPattern:) does for one value.
        let scaled = unsafeBitCast(unsafeBitCast(magnitude, to: SIMD8<Float>.self) * 0x1p112, to: SIMD8<UInt32>.self)
        let special = magnitude .>= 0x0F80_0000
        let quiet = SIMD8<UInt32>(repeating: 0).replacing(with: 0x0040_0000, where: (magnitude & 0x007F_E000) .!= 0)
        let nonFinite = magnitude | 0x7F80_0000 | quiet
        return unsafeBitCast(scaled.replacing(with: nonFinite, where: special) | sign, to: SIMD8<Float>.self)
    }
}
