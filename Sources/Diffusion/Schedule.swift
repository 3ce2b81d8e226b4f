import Foundation

/// How the noise levels of a run are spaced. Every schedule returns `steps` decreasing sigmas followed by 0.
public enum Schedule: String, CaseIterable, Sendable, Codable {
    /// Karras et al. 2022 (EDM), eq. 5: uniform in sigma^(1/rho) with rho = 7.
    case karras
    /// The model's own spacing (training timesteps for discrete models, log-uniform for the sketch model).
    case native
}

/// Sigma spacings as small pure functions.
public enum Sigmas {
    /// EDM's schedule: sigma_i = (max^(1/rho) + i/(n-1) (min^(1/rho) - max^(1/rho)))^rho, then 0.
    public static func karras(steps: Int, sigmaMin: Double, sigmaMax: Double, rho: Double = 7) -> [Float] {
        precondition(steps >= 1 && sigmaMin > 0 && sigmaMax >= sigmaMin)
        if steps == 1 { return [Float(sigmaMax), 0] }
        let a = pow(sigmaMax, 1 / rho), b = pow(sigmaMin, 1 / rho)
        var out = (0..<steps).map { i in Float(pow(a + Double(i) / Double(steps - 1) * (b - a), rho)) }
        out.append(0)
        return out
    }

    /// Geometric spacing from sigmaMax to sigmaMin, then 0 (uniform in log sigma, i.e. in DPM-Solver's time t).
    public static func logLinear(steps: Int, sigmaMin: Double, sigmaMax: Double) -> [Float] {
        precondition(steps >= 1 && sigmaMin > 0 && sigmaMax >= sigmaMin)
        if steps == 1 { return [Float(sigmaMax), 0] }
        let la = log(sigmaMax), lb = log(sigmaMin)
        var out = (0..<steps).map { i in Float(exp(la + Double(i) / Double(steps - 1) * (lb - la))) }
        out.append(0)
        return out
    }
}
