import Diffusion

/// A Stable Diffusion UNet with AnimateDiff motion modules behind the shared `Denoiser` protocol: x holds a window
/// of frames, frame-major ([frames, C, H, W] flattened), denoised together as one batch so the temporal
/// attention sees them all; classifier-free guidance runs the negative and positive clips in one batch.
public final class VideoDenoiser: Denoiser {
    let model: StableDiffusionModel
    let motion: MotionAdapter
    let scheduler: SchedulerConfig
    /// [1, T, C] hidden states of the prompt and of the negative prompt.
    let context: Tensor, negativeContext: Tensor
    let guidance: Float
    /// [frames, C, H, W].
    let latentShape: [Int]

    public init(model: StableDiffusionModel, motion: MotionAdapter, scheduler: SchedulerConfig, context: Tensor,
                negativeContext: Tensor, guidance: Double, latentShape: [Int]) {
        precondition(latentShape.count == 4)
        self.model = model
        self.motion = motion
        self.scheduler = scheduler
        self.context = context
        self.negativeContext = negativeContext
        self.guidance = Float(guidance)
        self.latentShape = latentShape
    }

    public var frames: Int { latentShape[0] }

    public func denoise(_ x: [Float], sigma: Float) throws -> [Float] {
        let scale = 1 / (sigma * sigma + 1).squareRoot()
        let scaled = x.map { $0 * scale }
        let t = Float(scheduler.schedule.timestep(forSigma: Double(sigma)))
        let output: [Float]
        if guidance > 1 {
            let shape = [2 * frames] + latentShape.dropFirst()
            let contexts = Tensor.batch(Array(repeating: negativeContext, count: frames) + Array(repeating: context, count: frames))
            let both = model.unet(Tensor(shape: shape, data: scaled + scaled), timesteps: Array(repeating: t, count: 2 * frames),
                                  context: contexts, motion: motion, frames: frames)
            let half = x.count, g = guidance
            output = (0..<half).map { i in
                let uncond = both.data[i]
                return uncond + g * (both.data[half + i] - uncond)
            }
        } else {
            output = model.unet(Tensor(shape: latentShape, data: scaled), timesteps: Array(repeating: t, count: frames),
                                context: Tensor.batch(Array(repeating: context, count: frames)), motion: motion, frames: frames).data
        }
        let prediction = scheduler.prediction
        return (0..<x.count).map { prediction.denoised(x: x[$0], output: output[$0], sigma: sigma) }
    }
}
