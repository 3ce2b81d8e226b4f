import Foundation
import Diffusion

/// The exact posterior-mean denoiser of a Gaussian mixture: EDM's ideal denoiser generalised to components with
/// diagonal covariance. For x = x0 + sigma n with x0 ~ sum_k pi_k N(mu_k, diag(s_k^2)):
///
///     E[x0 | x] = sum_k w_k(x) (mu_k + s_k^2 / (s_k^2 + sigma^2) (x - mu_k)),
///     w_k ∝ pi_k N(x; mu_k, diag(s_k^2 + sigma^2)).
public struct MixtureDenoiser: Denoiser {
    let mixture: LayoutMixture

    public func denoise(_ x: [Float], sigma: Float) throws -> [Float] {
        let s2 = Double(sigma) * Double(sigma)
        let k = mixture.means.count
        var logWeights = [Double](repeating: 0, count: k)
        for c in 0..<k {
            var acc = 0.0
            let mu = mixture.means[c], dev = mixture.deviations[c]
            for i in x.indices {
                let v = dev[i] * dev[i] + s2
                let diff = Double(x[i]) - mu[i]
                acc += diff * diff / v + log(v)
            }
            logWeights[c] = -0.5 * acc
        }
        let top = logWeights.max() ?? 0
        var weights = logWeights.map { exp($0 - top) }
        let total = weights.reduce(0, +)
        for c in 0..<k { weights[c] /= total }
        var out = [Double](repeating: 0, count: x.count)
        for c in 0..<k where weights[c] > 1e-12 {
            let mu = mixture.means[c], dev = mixture.deviations[c]
            for i in x.indices {
                let v = dev[i] * dev[i]
                out[i] += weights[c] * (mu[i] + v / (v + s2) * (Double(x[i]) - mu[i]))
            }
        }
        return out.map { Float($0) }
    }
}
