/// What a sampler reports after each step: enough to draw an x0 preview and a progress bar.
public struct SamplerStep {
    /// 0-based index of the step just taken.
    public let index: Int
    public let total: Int
    public let sigma: Float
    /// The sample after the step.
    public let x: [Float]
    /// The model's x0 estimate at this step (the preview to show).
    public let denoised: [Float]
}
