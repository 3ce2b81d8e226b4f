/// Vectorised exp, SiLU, GELU and softmax over float buffers: libm's scalar expf and erf were a quarter of a
/// UNet step's time outside GEMMs. Accuracy is within a few float ulps of the exact functions.
enum VectorMath {
    typealias V = SIMD8<Float>

    /// e^x: x = n·ln2 + r with |r| ≤ ln2/2 (Cody–Waite split of ln2), e^r by its degree-6 Taylor polynomial
    /// (truncation error < 1.3e-7 relative), 2^n put straight into the exponent bits.
    @inline(__always)
    static func exp(_ x: V) -> V {
        // Generic pointwise min/max stay unspecialised; masked replacement compiles to blends.
        let low = V(repeating: -87.3), high = V(repeating: 88.3)
        let clamped = x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
        // Adding 1.5·2²³ rounds to an integer n held in the low mantissa bits (no float→int conversion,
        // which Swift's generic SIMD code does lane by lane).
        let magic: Float = 12_582_912
        let shifted = clamped * 1.442_695_04 + magic
        let n = shifted - magic
        var r = clamped - n * 0.693_359_375
        r = r + n * 2.121_944_4e-4
        var p = V(repeating: 1.0 / 720)
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let exponent = (unsafeBitCast(shifted, to: SIMD8<UInt32>.self) &- 0x4B40_0000 &+ 127) &<< 23
        return p * unsafeBitCast(exponent, to: V.self)
    }

    /// erf by Abramowitz & Stegun 7.1.26 (absolute error ≤ 1.5e-7).
    @inline(__always)
    static func erf(_ x: V) -> V {
        let a = x.replacing(with: -x, where: x .< 0)
        let t = 1 / (1 + 0.327_591_1 * a)
        var p = V(repeating: 1.061_405_429)
        p = p * t - 1.453_152_027
        p = p * t + 1.421_413_741
        p = p * t - 0.284_496_736
        p = p * t + 0.254_829_592
        let y = 1 - p * t * exp(-a * a)
        return y.replacing(with: -y, where: x .< 0)
    }

    @inline(__always) static func silu(_ x: V) -> V { x / (1 + exp(-x)) }
    @inline(__always) static func gelu(_ x: V) -> V {
        let half: Float = 0.5, rootHalf: Float = 0.707_106_781_186_547_5
        return half * x * (1 + erf(x * rootHalf))
    }
    @inline(__always) static func quickGELU(_ x: V) -> V { x / (1 + exp(-1.702 * x)) }

    /// Applies `f` to `count` floats in place, eight at a time, the tail through a padded vector.
    @inline(__always)
    static func map(_ p: UnsafeMutablePointer<Float>, count: Int, _ f: (V) -> V) {
        var i = 0
        while i + 8 <= count {
            let v = UnsafeRawPointer(p + i).loadUnaligned(as: V.self)
            UnsafeMutableRawPointer(p + i).storeBytes(of: f(v), as: V.self)
            i += 8
        }
        if i < count {
            var v = V(repeating: 0)
            for j in 0..<(count - i) { v[j] = p[i + j] }
            let out = f(v)
            for j in 0..<(count - i) { p[i + j] = out[j] }
        }
    }

    /// exp(x − max) of one row in place; returns the sum (the softmax's denominator).
    static func exponentiate(_ p: UnsafeMutablePointer<Float>, count: Int) -> Float {
        var peaks = V(repeating: -Float.infinity)
        var i = 0
        while i + 8 <= count {
            let v = UnsafeRawPointer(p + i).loadUnaligned(as: V.self)
            peaks = peaks.replacing(with: v, where: v .> peaks)
            i += 8
        }
        var peak = peaks.max()
        while i < count { peak = max(peak, p[i]); i += 1 }
        let shift = V(repeating: peak)
        var partial = V(repeating: 0)
        i = 0
        while i + 8 <= count {
            let e = exp(UnsafeRawPointer(p + i).loadUnaligned(as: V.self) - shift)
            UnsafeMutableRawPointer(p + i).storeBytes(of: e, as: V.self)
            partial += e
            i += 8
        }
        var sum = partial.sum()
        while i < count {
            let e = exp(V(repeating: p[i] - peak))[0]
            p[i] = e
            sum += e
            i += 1
        }
        return sum
    }
}
