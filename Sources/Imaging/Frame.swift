/// An 8-bit sRGB image with straight (non-premultiplied) alpha, rows top to bottom, RGBA per pixel.
public struct Frame: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width * height * 4` bytes: R, G, B, A.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 4, "Frame size mismatch")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A frame filled with one colour.
    public init(width: Int, height: Int, fill: (r: UInt8, g: UInt8, b: UInt8, a: UInt8) = (0, 0, 0, 255)) {
        precondition(width > 0 && height > 0, "Frame size must be positive")
        self.width = width
        self.height = height
        var p = [UInt8](repeating: 0, count: width * height * 4)
        for i in stride(from: 0, to: p.count, by: 4) {
            p[i] = fill.r
            p[i + 1] = fill.g
            p[i + 2] = fill.b
            p[i + 3] = fill.a
        }
        self.pixels = p
    }
}
