import Foundation

/// Runs a sampler over a sigma schedule. Pure value math over `[Float]`; shared by every model.
public enum Sampling {
    /// Denoises `x` (already at noise level `sigmas[0]`) down the schedule `sigmas` (ending in 0).
    ///
    /// - Parameters:
    ///   - noise: the shot's noise; ancestral samplers draw step `i`'s noise from stream `1 + i + streamOffset`.
    ///   - streamOffset: the index of `sigmas[0]` in the full schedule, so a partial re-denoise reuses the same streams.
    ///   - tcd: where `tcd` steps land before re-noising, one level per step of `sigmas`; by default
    ///     `TCDPlan.continuous` with gamma 0.3.
    ///   - progress: called after each step; throw (e.g. `CancellationError`) to stop.
    public static func sample(_ sampler: Sampler, denoiser: some Denoiser, x start: [Float], sigmas: [Float],
                              noise: GaussianNoise, streamOffset: Int = 0, tcd: TCDPlan? = nil,
                              progress: (SamplerStep) throws -> Void = { _ in }) throws -> [Float] {
        precondition(sigmas.count >= 2, "a schedule needs at least one step")
        let plan = sampler == .tcd ? tcd ?? TCDPlan.continuous(sigmas: sigmas) : nil
        precondition(plan == nil || plan!.intermediate.count == sigmas.count - 1, "a TCD plan has one level per step")
        var x = start
        var oldDenoised: [Float]? = nil
        let steps = sigmas.count - 1
        for i in 0..<steps {
            let sigma = sigmas[i], next = sigmas[i + 1]
            let denoised = try denoiser.denoise(x, sigma: sigma)
            switch sampler {
            case .euler, .ddim:
                x = eulerStep(x: x, denoised: denoised, sigma: sigma, to: next)
            case .eulerAncestral:
                let (down, up) = ancestralSigmas(from: sigma, to: next)
                x = eulerStep(x: x, denoised: denoised, sigma: sigma, to: down)
                if next > 0 && up > 0 {
                    let z = noise.values(stream: UInt64(1 + i + streamOffset), count: x.count)
                    for j in x.indices { x[j] += z[j] * up }
                }
            case .lcm:
                x = denoised
                if next > 0 {
                    let z = noise.values(stream: UInt64(1 + i + streamOffset), count: x.count)
                    for j in x.indices { x[j] += z[j] * next }
                }
            case .tcd:
                let s = plan!.intermediate[i]
                let up = next > 0 ? (max(0, Double(next) * Double(next) - Double(s) * Double(s))).squareRoot() : 0
                let z = up > 0 ? noise.values(stream: UInt64(1 + i + streamOffset), count: x.count) : nil
                x = tcdStep(x: x, denoised: denoised, sigma: sigma, via: s, up: up, noise: z,
                            scale: next > 0 ? 1 : plan!.finalScale)
            case .dpmpp2m:
                let previousSigma: Float? = i > 0 ? sigmas[i - 1] : nil
                x = dpmpp2mStep(x: x, denoised: denoised, oldDenoised: oldDenoised, sigma: sigma, to: next,
                                previousSigma: previousSigma)
                oldDenoised = denoised
            }
            try progress(SamplerStep(index: i, total: steps, sigma: sigma, x: x, denoised: denoised))
        }
        return x
    }

    /// x + (sigma_next - sigma) * (x - x0) / sigma, written as x0 + (sigma_next / sigma)(x - x0) for accuracy.
    @inline(__always)
    static func eulerStep(x: [Float], denoised: [Float], sigma: Float, to next: Float) -> [Float] {
        let ratio = Double(next) / Double(sigma)
        var out = x
        for j in out.indices {
            out[j] = Float(Double(denoised[j]) + ratio * (Double(x[j]) - Double(denoised[j])))
        }
        return out
    }

    /// One TCD step (Zheng et al. 2024, Alg. 4, in the variance-exploding form): back along the predicted
    /// trajectory to sigma_s, x0 + sigma_s·(x − x0)/sigma, then up to the next level with fresh noise, + up·z
    /// (up = sqrt(sigma_next² − sigma_s²)); the whole multiplied by `scale` (the final step's, see `TCDPlan`).
    @inline(__always)
    static func tcdStep(x: [Float], denoised: [Float], sigma: Float, via s: Float, up: Double, noise z: [Float]?,
                        scale: Float = 1) -> [Float] {
        let ratio = Double(s) / Double(sigma), k = Double(scale)
        var out = x
        for j in out.indices {
            var v = Double(denoised[j]) + ratio * (Double(x[j]) - Double(denoised[j]))
            if let z { v += up * Double(z[j]) }
            out[j] = Float(k * v)
        }
        return out
    }

    /// k-diffusion's `get_ancestral_step` with eta = 1.
    public static func ancestralSigmas(from sigma: Float, to next: Float, eta: Double = 1) -> (down: Float, up: Float) {
        let s = Double(sigma), n = Double(next)
        guard n > 0 else { return (0, 0) }
        let up = min(n, eta * (n * n * (s * s - n * n) / (s * s)).squareRoot())
        let down = (n * n - up * up).squareRoot()
        return (Float(down), Float(up))
    }

    /// One DPM-Solver++(2M) step; first order on the first step and on the final step to sigma 0.
    static func dpmpp2mStep(x: [Float], denoised: [Float], oldDenoised: [Float]?, sigma: Float, to next: Float,
                            previousSigma: Float?) -> [Float] {
        if next == 0 { return denoised }
        let t = -log(Double(sigma)), tNext = -log(Double(next))
        let h = tNext - t
        let ratio = Double(next) / Double(sigma)
        let weight = -expm1(-h)
        var out = x
        if let oldDenoised, let previousSigma {
            let hLast = t - (-log(Double(previousSigma)))
            let r = hLast / h
            let a = 1 + 1 / (2 * r), b = 1 / (2 * r)
            for j in out.indices {
                let d = a * Double(denoised[j]) - b * Double(oldDenoised[j])
                out[j] = Float(ratio * Double(x[j]) + weight * d)
            }
        } else {
            for j in out.indices {
                out[j] = Float(ratio * Double(x[j]) + weight * Double(denoised[j]))
            }
        }
        return out
    }
}
