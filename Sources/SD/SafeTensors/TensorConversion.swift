/// Converts little-endian tensor bytes to `Float`, exactly: every f16 and bf16 value, including subnormals,
/// infinities and NaNs, has an exact f32 equivalent.
enum TensorConversion {
    /// The elements of `bytes`, read as `dtype`.
    static func floats(_ bytes: UnsafeRawBufferPointer, as dtype: TensorDType) -> [Float] {
        let count = bytes.count / dtype.byteSize
        return [Float](unsafeUninitializedCapacity: count) { output, initialized in
            switch dtype {
            case .f32: convertF32(bytes, into: output, count: count)
            case .f16: convertF16(bytes, into: output, count: count)
            case .bf16: convertBF16(bytes, into: output, count: count)
            }
            initialized = count
        }
    }

    /// The f32 bit pattern of an f16 bit pattern. Pure integer work plus one exact subtraction, so the loop
    /// below stays branch-light; it matches `Float(Float16(bitPattern:))`, which quiets NaNs the same way.
    @inline(__always)
    static func floatBits(fromHalf half: UInt16) -> UInt32 {
        let sign = UInt32(half & 0x8000) << 16
        let magnitude = UInt32(half & 0x7FFF) << 13  // exponent and mantissa moved into f32 position
        let exponent = magnitude & 0x0F80_0000
        let rebias: UInt32 = (127 - 15) << 23
        var bits = magnitude &+ rebias
        if exponent == 0x0F80_0000 {
            // Infinity or NaN: the f32 exponent is all ones; NaNs come out quiet.
            bits = bits &+ rebias
            if magnitude & 0x007F_E000 != 0 { bits |= 0x0040_0000 }
        } else if exponent == 0 {
            // Zero or subnormal: as a normal number with exponent -14 the implicit 1 adds 2^-14; taking
            // 2^-14 away again is exact and leaves mantissa × 2^-24.
            let withImplicitOne = Float(bitPattern: bits &+ (1 << 23))
            bits = (withImplicitOne - Float(bitPattern: (127 - 14) << 23)).bitPattern
        }
        return bits | sign
    }

    private static func convertF32(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<Float>, count: Int) {
        #if _endian(little)
        if count > 0 { UnsafeMutableRawPointer(output.baseAddress!).copyMemory(from: bytes.baseAddress!, byteCount: count * 4) }
        #else
        for i in 0..<count {
            output[i] = Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
        }
        #endif
    }

    private static func convertF16(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<Float>, count: Int) {
        for i in 0..<count {
            let half = UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))
            output[i] = Float(bitPattern: floatBits(fromHalf: half))
        }
    }

    private static func convertBF16(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<Float>, count: Int) {
        for i in 0..<count {
            // bf16 is the top half of an f32.
            let brain = UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))
            output[i] = Float(bitPattern: UInt32(brain) << 16)
        }
    }
}
