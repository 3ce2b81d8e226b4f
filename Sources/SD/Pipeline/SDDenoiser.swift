import Diffusion

/// A Stable Diffusion UNet behind the shared `Denoiser` protocol: input scaling, timestep lookup, classifier-free
/// guidance and the conversion of its epsilon or v prediction into an x0 estimate.
public final class SDDenoiser: Denoiser {
    let model: StableDiffusionModel
    /// [1, T, C] hidden states of the prompt and of the negative prompt.
    let context: Tensor, negativeContext: Tensor
    let guidance: Float
    let latentShape: [Int]

    public init(model: StableDiffusionModel, context: Tensor, negativeContext: Tensor, guidance: Double, latentShape: [Int]) {
        self.model = model
        self.context = context
        self.negativeContext = negativeContext
        self.guidance = Float(guidance)
        self.latentShape = latentShape
    }

    /// Whether a batch of two (negative, positive) runs; diffusers skips guidance at scale ≤ 1.
    var guided: Bool { guidance > 1 }

    public func denoise(_ x: [Float], sigma: Float) throws -> [Float] {
        let scale = 1 / (sigma * sigma + 1).squareRoot()
        let input = Tensor(shape: latentShape, data: x.map { $0 * scale })
        let t = Float(model.scheduler.schedule.timestep(forSigma: Double(sigma)))
        let output: [Float]
        if guided {
            let both = model.unet(Tensor.batch([input, input]), timesteps: [t, t],
                                  context: Tensor.batch([negativeContext, context]))
            let half = x.count
            let g = guidance
            output = (0..<half).map { i in
                let uncond = both.data[i]
                return uncond + g * (both.data[half + i] - uncond)
            }
        } else {
            output = model.unet(input, timesteps: [t], context: context).data
        }
        let prediction = model.scheduler.prediction
        return (0..<x.count).map { prediction.denoised(x: x[$0], output: output[$0], sigma: sigma) }
    }
}
