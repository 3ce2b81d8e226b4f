/// The update rules the samplers use; all share the variance-exploding x0-prediction form of k-diffusion.
public enum Sampler: String, CaseIterable, Sendable, Codable {
    /// First-order probability-flow ODE step (Karras et al. 2022, Alg. 1 without the Heun correction).
    case euler
    /// Euler with ancestral noise (eta = 1): steps down to sigma_down, then adds fresh noise of sigma_up.
    case eulerAncestral = "euler_a"
    /// DPM-Solver++(2M) (Lu et al. 2022): second order multistep in t = -log sigma, using the previous x0.
    case dpmpp2m = "dpmpp_2m"
    /// DDIM (Song et al. 2020), eta = 0. In this parametrisation its update equals Euler's; it differs by
    /// defaulting to the model's native (uniform-timestep) schedule.
    case ddim
    /// Latent Consistency Model multistep sampling (Luo et al. 2023, Alg. 3): each step jumps to the model's x0
    /// estimate, then re-noises it with fresh noise to the next level. For consistency-distilled models (LCM,
    /// Hyper-SD, DMD2 LoRAs, SD-Turbo), whose x0 estimate is already a sample; natively on LCM's own timesteps.
    case lcm
    /// Trajectory Consistency Distillation's strategic stochastic sampling (Zheng et al. 2024, §4.3): each step
    /// moves along the model's predicted trajectory from sigma to an earlier level sigma_s ≤ sigma_next (set by
    /// gamma, see `TCDPlan`), then adds fresh noise from sigma_s up to sigma_next. gamma = 0 is deterministic (DDIM
    /// with x0 from the model); gamma = 1 jumps to the estimate and re-noises, as lcm does. For TCD LoRAs (and the
    /// Hyper-SD ones trained for it); natively on LCM's timesteps, as diffusers' TCDScheduler.
    case tcd

    /// Whether the sampler draws fresh noise per step (so results depend on more than the initial noise).
    public var isAncestral: Bool { self == .eulerAncestral || self == .lcm || self == .tcd }

    /// Whether the sampler's native schedule is LCM's timesteps (`DiscreteSchedule.Spacing.lcm`) rather than the
    /// checkpoint's own spacing.
    public var usesLCMTimesteps: Bool { self == .lcm || self == .tcd }
}
