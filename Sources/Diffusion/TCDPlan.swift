import Foundation

/// Where each step of the `tcd` sampler lands before it re-noises: step i denoises at sigma_i, moves along the
/// predicted trajectory to sigma_s(i) ≤ sigma_(i+1), then adds fresh noise of sqrt(sigma_(i+1)² − sigma_s(i)²).
///
/// In the paper (Zheng et al. 2024, Alg. 4) s = (1 − gamma)·t_next in the model's time. The plan is made once per
/// run from the run's sigmas: `continuous` for models whose time is sigma itself (EDM's sigma(t) = t),
/// `DiscreteSchedule.tcdPlan` for timestep-conditioned checkpoints, as diffusers' TCDScheduler does it.
public struct TCDPlan: Sendable, Equatable {
    /// The paper's and diffusers' default gamma (diffusers calls it `eta`; so does ComfyUI).
    public static let defaultGamma = 0.3

    /// sigma_s for every step of the run.
    public let intermediate: [Float]
    /// What the final sample is multiplied by: 1, or 1/sqrt(1 + sigma_s²) where the last step lands on a
    /// variance-preserving latent at a non-zero level (TCDScheduler's lands on training timestep 0 and its pipeline
    /// decodes that latent as it is).
    public let finalScale: Float

    public init(intermediate: [Float], finalScale: Float = 1) {
        self.intermediate = intermediate
        self.finalScale = finalScale
    }

    /// sigma_s = (1 − gamma)·sigma_next: the paper's rule where time is sigma. The last step lands on the estimate.
    public static func continuous(sigmas: [Float], gamma: Double = defaultGamma) -> TCDPlan {
        precondition((0...1).contains(gamma), "TCD's gamma is in 0…1")
        return TCDPlan(intermediate: sigmas.dropFirst().map { Float((1 - gamma) * Double($0)) })
    }
}

extension DiscreteSchedule {
    /// TCDScheduler's plan: s = ⌊(1 − gamma)·t_next⌋ on the training timesteps, t_next = 0 after the last step
    /// (so the last step lands on timestep 0, sigma ≈ 0.03 for SD, and is scaled as the latent it decodes). The
    /// product is rounded to float32 as torch does before the floor.
    public func tcdPlan(sigmas: [Float], gamma: Double = TCDPlan.defaultGamma) -> TCDPlan {
        precondition((0...1).contains(gamma), "TCD's gamma is in 0…1")
        let factor = Float(1 - gamma)
        let intermediate = sigmas.dropFirst().map { next -> Float in
            let t = next > 0 ? Float(timestep(forSigma: Double(next)).rounded()) : 0
            return Float(sigma(atTimestep: Double((factor * t).rounded(.down))))
        }
        let last = Double(intermediate.last ?? 0)
        return TCDPlan(intermediate: intermediate, finalScale: Float(1 / (1 + last * last).squareRoot()))
    }
}
