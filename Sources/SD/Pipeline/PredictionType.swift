/// What the UNet was trained to predict, from `scheduler/scheduler_config.json`.
public enum PredictionType: String, Sendable {
    /// The added noise (SD 1.x, SD 2.x base at 512).
    case epsilon
    /// v = alpha·noise − sigma·x0 (Salimans & Ho 2022; SD 2.x at 768, SD 2.1).
    case v = "v_prediction"

    /// x0 from the model output at noise level sigma, for x = x0 + sigma·noise (variance-exploding form).
    @inline(__always)
    func denoised(x: Float, output: Float, sigma: Float) -> Float {
        switch self {
        case .epsilon:
            return x - sigma * output
        case .v:
            // In VE form, c_skip = 1/(σ²+1) and c_out = −σ/√(σ²+1).
            let s2 = sigma * sigma + 1
            return x / s2 - output * sigma / s2.squareRoot()
        }
    }
}
