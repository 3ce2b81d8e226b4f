/// Area-averaged resampling (`Downscaler`), for pictures shrunk to a terminal; `resized` (Frame+Resize.swift) is the
/// bilinear one. The two resamplers of frames both live here in Imaging.
extension Frame {
    /// This frame area-averaged to `width × height` (opaque, over `background`).
    public func resampled(width: Int, height: Int, background: RGB8 = RGB8(0, 0, 0)) -> Frame {
        let rgb = Downscaler.resample(self, width: width, height: height, background: background)
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        for (i, c) in rgb.enumerated() {
            pixels[i * 4] = c.r
            pixels[i * 4 + 1] = c.g
            pixels[i * 4 + 2] = c.b
        }
        return Frame(width: width, height: height, pixels: pixels)
    }
}
