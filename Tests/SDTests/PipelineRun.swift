import Diffusion
@testable import SD

/// The fixtures' reference pipeline run (prompt, guidance, fixed noise) on a loaded model, as [H, W, 3] in [0, 1].
enum PipelineRun {
    static func image(_ model: StableDiffusionModel, noise: Tensor, sampler: Sampler = .euler, sigmas: [Float],
                      guidance: Double = 7.5, stepNoise: GaussianNoise = GaussianNoise(seed: 0), tcd: TCDPlan? = nil) throws -> [Float] {
        let context = try model.embedding(for: model.tokenizer.tokenize("a horse on the beach at sunset"))
        let negative = try model.embedding(for: model.tokenizer.tokenize(""))
        let denoiser = SDDenoiser(model: model, context: context, negativeContext: negative, guidance: guidance, latentShape: noise.shape)
        let latent = try Sampling.sample(sampler, denoiser: denoiser, x: noise.data.map { $0 * sigmas[0] }, sigmas: sigmas,
                                         noise: stepNoise, tcd: tcd)
        let image = model.decoder.decode(latents: Tensor(shape: noise.shape, data: latent))
        let h = image.shape[2], w = image.shape[3]
        var out = [Float](repeating: 0, count: h * w * 3)
        for c in 0..<3 {
            for p in 0..<(h * w) { out[p * 3 + c] = min(1, max(0, image.data[c * h * w + p] / 2 + 0.5)) }
        }
        return out
    }

    /// The largest difference between two images, in 1/255 steps of 8-bit output.
    static func worst(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }
}
