import Foundation

/// A discrete-time (DDPM) noise schedule, as Stable Diffusion checkpoints were trained with, expressed as sigmas.
public struct DiscreteSchedule: Sendable {
    /// Where inference timesteps sit among the training timesteps (the diffusers `timestep_spacing` values).
    public enum Spacing: String, Sendable {
        /// floor(i * T/n), reversed, plus an offset of 1 (SD 1.x/2.x defaults).
        case leading
        /// round(T - i * T/n) - 1: starts at the last timestep (SD-Turbo, zero-SNR-friendly).
        case trailing
        /// linspace(0, T-1, n) reversed.
        case linspace
        /// LCMScheduler's: evenly spaced picks from the 50-step distillation grid (k·20 − 1 for 1000 training
        /// steps), highest first, so a 4-step run visits 999, 759, 499, 259.
        case lcm
    }

    /// The timestep grid LCM distillation trained on (diffusers' `original_inference_steps`).
    public static let lcmOriginalSteps = 50

    /// ᾱ_t for t = 0..<T.
    public let alphasCumprod: [Double]

    public init(alphasCumprod: [Double]) {
        self.alphasCumprod = alphasCumprod
    }

    /// The `scaled_linear` beta schedule: betas linear in sqrt space from betaStart to betaEnd.
    public static func scaledLinear(betaStart: Double = 0.00085, betaEnd: Double = 0.012, count: Int = 1000) -> DiscreteSchedule {
        var product = 1.0
        var cumprod: [Double] = []
        cumprod.reserveCapacity(count)
        let a = betaStart.squareRoot(), b = betaEnd.squareRoot()
        for i in 0..<count {
            let root = a + Double(i) / Double(count - 1) * (b - a)
            product *= 1 - root * root
            cumprod.append(product)
        }
        return DiscreteSchedule(alphasCumprod: cumprod)
    }

    /// The `linear` beta schedule: betas linear from betaStart to betaEnd (DDPM's; AnimateDiff's motion modules
    /// were trained with it at SD's 0.00085…0.012).
    public static func linear(betaStart: Double = 0.00085, betaEnd: Double = 0.012, count: Int = 1000) -> DiscreteSchedule {
        var product = 1.0
        var cumprod: [Double] = []
        cumprod.reserveCapacity(count)
        for i in 0..<count {
            product *= 1 - (betaStart + Double(i) / Double(count - 1) * (betaEnd - betaStart))
            cumprod.append(product)
        }
        return DiscreteSchedule(alphasCumprod: cumprod)
    }

    /// sigma_t = sqrt((1 - ᾱ_t) / ᾱ_t) for every training timestep.
    public var trainingSigmas: [Double] {
        alphasCumprod.map { ((1 - $0) / $0).squareRoot() }
    }

    /// The inference timesteps for `steps` steps, highest first.
    public func timesteps(steps: Int, spacing: Spacing) -> [Double] {
        let count = alphasCumprod.count
        precondition(steps >= 1 && steps <= count)
        switch spacing {
        case .leading:
            let ratio = count / steps
            return (0..<steps).map { Double($0 * ratio + 1) }.reversed().map { min($0, Double(count - 1)) }
        case .trailing:
            let ratio = Double(count) / Double(steps)
            return (0..<steps).map { (Double(count) - Double($0) * ratio).rounded() - 1 }
        case .linspace:
            if steps == 1 { return [Double(count - 1)] }
            return (0..<steps).map { Double(count - 1) * Double(steps - 1 - $0) / Double(steps - 1) }
        case .lcm:
            let grid = min(Self.lcmOriginalSteps, count)
            let stride = count / grid
            let origin = (1...grid).map { $0 * stride - 1 }.reversed().map(Double.init)
            // More steps than the grid has fall back to a plain uniform spacing of the training range.
            guard steps <= grid else { return timesteps(steps: steps, spacing: .trailing) }
            return (0..<steps).map { origin[Int((Double($0) * Double(grid) / Double(steps)).rounded(.down))] }
        }
    }

    /// Sigma at a (possibly fractional) timestep, interpolating log sigma between training steps.
    public func sigma(atTimestep t: Double) -> Double {
        let logSigmas = trainingSigmas.map { log($0) }
        let lo = max(0, min(logSigmas.count - 1, Int(t.rounded(.down))))
        let hi = min(logSigmas.count - 1, lo + 1)
        let w = t - Double(lo)
        return exp((1 - w) * logSigmas[lo] + w * logSigmas[hi])
    }

    /// The timestep (fractional) whose sigma is `sigma`, the inverse of `sigma(atTimestep:)`; what a
    /// timestep-conditioned network is fed.
    public func timestep(forSigma sigma: Double) -> Double {
        let logSigmas = trainingSigmas.map { log($0) }
        let target = log(max(sigma, 1e-10))
        if target <= logSigmas[0] { return 0 }
        if target >= logSigmas[logSigmas.count - 1] { return Double(logSigmas.count - 1) }
        var lo = 0, hi = logSigmas.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if logSigmas[mid] <= target { lo = mid } else { hi = mid }
        }
        return Double(lo) + (target - logSigmas[lo]) / (logSigmas[hi] - logSigmas[lo])
    }

    /// Sigmas for a run of `steps` steps with the given spacing, followed by 0.
    public func sigmas(steps: Int, spacing: Spacing) -> [Float] {
        var out = timesteps(steps: steps, spacing: spacing).map { Float(sigma(atTimestep: $0)) }
        out.append(0)
        return out
    }
}
