/// A linear mix-friendly sRGB colour in 0...1 used by the painters.
public struct RGB: Equatable, Sendable {
    public var r: Double, g: Double, b: Double

    public init(_ r: Double, _ g: Double, _ b: Double) {
        self.r = r
        self.g = g
        self.b = b
    }

    public init(hex: UInt32) {
        self.init(Double((hex >> 16) & 0xff) / 255, Double((hex >> 8) & 0xff) / 255, Double(hex & 0xff) / 255)
    }

    /// `self` moved towards `other` by `t` (0 keeps self).
    public func mixed(_ other: RGB, _ t: Double) -> RGB {
        let k = min(1, max(0, t))
        return RGB(r + (other.r - r) * k, g + (other.g - g) * k, b + (other.b - b) * k)
    }

    /// Darker by `t` (a marker's second pass).
    public func shaded(_ t: Double) -> RGB { mixed(RGB(0.05, 0.05, 0.08), t) }

    /// Lighter by `t`.
    public func lit(_ t: Double) -> RGB { mixed(RGB(1, 1, 1), t) }

    /// Multiplied by a light colour (tints a flat tone by the time of day).
    public func tinted(_ light: RGB, _ amount: Double) -> RGB {
        mixed(RGB(r * light.r, g * light.g, b * light.b), amount)
    }

    public var luminance: Double { 0.2126 * r + 0.7152 * g + 0.0722 * b }
}
