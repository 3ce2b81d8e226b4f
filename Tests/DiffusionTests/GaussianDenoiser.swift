@testable import Diffusion

/// The exact x0 predictor for data N(mu, s^2) per dimension: E[x0 | x] = mu + s^2 / (s^2 + sigma^2) (x - mu).
struct GaussianDenoiser: Denoiser {
    let mu: Double
    let s: Double

    func denoise(_ x: [Float], sigma: Float) throws -> [Float] {
        let w = s * s / (s * s + Double(sigma) * Double(sigma))
        return x.map { Float(mu + w * (Double($0) - mu)) }
    }

    /// The probability-flow ODE dx/dsigma = (x - D(x, sigma)) / sigma has the closed form
    /// (x - mu) / sqrt(s^2 + sigma^2) = constant along a trajectory.
    func exactSolution(from x: [Float], sigma from: Double, to: Double) -> [Double] {
        let ratio = (s * s + to * to).squareRoot() / (s * s + from * from).squareRoot()
        return x.map { mu + (Double($0) - mu) * ratio }
    }
}
