#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// sRGB ↔ linear-light tables: averaging happens in linear light so a downscaled edge keeps its brightness.
enum Gamma {
    /// sRGB byte → linear light in 0...1.
    static let toLinear: [Float] = (0..<256).map { i in
        let c = Double(i) / 255
        return Float(c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4))
    }

    /// Linear light quantised to 4096 steps → sRGB byte.
    static let toSRGB: [UInt8] = (0..<4096).map { i in
        let l = Double(i) / 4095
        let c = l <= 0.0031308 ? l * 12.92 : 1.055 * pow(l, 1 / 2.4) - 0.055
        return UInt8(max(0, min(255, (c * 255).rounded())))
    }

    @inline(__always) static func encode(_ linear: Float) -> UInt8 {
        toSRGB[Int(max(0, min(4095, (linear * 4095).rounded())))]
    }
}
