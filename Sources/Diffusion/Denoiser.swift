/// A model that predicts the clean sample x0 from a noisy sample x at noise level sigma (variance-exploding
/// parametrisation, x = x0 + sigma * n). Conditioning is bound when the denoiser is made.
public protocol Denoiser {
    /// The x0 estimate for `x` at `sigma`.
    func denoise(_ x: [Float], sigma: Float) throws -> [Float]
}
