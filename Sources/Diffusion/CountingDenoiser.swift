/// Wraps a denoiser and counts its calls, so callers can report (and tests can assert) how much work a render did.
public final class CountingDenoiser<Base: Denoiser>: Denoiser {
    public let base: Base
    public private(set) var calls = 0

    public init(_ base: Base) {
        self.base = base
    }

    public func denoise(_ x: [Float], sigma: Float) throws -> [Float] {
        calls += 1
        return try base.denoise(x, sigma: sigma)
    }
}
