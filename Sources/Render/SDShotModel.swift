import Diffusion
import Imaging
import SD

/// A Stable Diffusion checkpoint behind the `ShotModel` protocol.
public final class SDShotModel: ShotModel, @unchecked Sendable {
    public let id: String
    public let model: StableDiffusionModel

    /// Bump when the SD code changes what it computes, so cached latents from the old code are not reused.
    static let version = "sd-cpu/1"

    init(spec: String, model: StableDiffusionModel) {
        id = spec
        self.model = model
    }

    public var weightsDigest: String { model.fingerprint }
    public var implementation: String { Self.version }
    public var usesGuidance: Bool { true }
    public var loraKeys: [String] { model.loraKeys }

    public func prepare(prompt: String, negative: String, guidance: Double, width: Int, height: Int) throws -> any PreparedPrompt {
        let f = model.downscale
        guard width % f == 0, height % f == 0 else {
            throw RenderError("\(width)×\(height) is not a multiple of \(f); Stable Diffusion latents need sizes in steps of \(f)")
        }
        return PreparedSD(model: model, ids: model.tokenizer.tokenize(prompt), negativeIDs: model.tokenizer.tokenize(negative),
                          guidance: guidance, latentShape: [1, model.latentChannels, height / f, width / f])
    }
}

/// Token ids are the conditioning's identity: prompts the tokenizer reads alike share a cache entry, and the
/// text encoder runs only when a shot is actually sampled.
struct PreparedSD: PreparedPrompt {
    let model: StableDiffusionModel
    let ids: [Int], negativeIDs: [Int]
    let guidance: Double
    let latentShape: [Int]

    var conditioningKey: [UInt8] {
        Array("sd-tokens:\(ids.map(String.init).joined(separator: ","))|negative:\(negativeIDs.map(String.init).joined(separator: ","))".utf8)
    }

    var latentCount: Int { latentShape.reduce(1, *) }

    func sigmas(steps: Int, schedule: Schedule) -> [Float] { model.scheduler.sigmas(steps: steps, schedule: schedule) }

    /// lcm's and tcd's native schedule is LCMScheduler's timesteps (TCDScheduler's are the same), not the
    /// checkpoint's spacing.
    func sigmas(steps: Int, schedule: Schedule, sampler: Sampler) -> [Float] {
        guard sampler.usesLCMTimesteps, schedule == .native else { return sigmas(steps: steps, schedule: schedule) }
        return model.scheduler.schedule.sigmas(steps: steps, spacing: .lcm)
    }

    /// TCDScheduler's landing levels on the checkpoint's training timesteps.
    func tcdPlan(sigmas: [Float]) -> TCDPlan { model.scheduler.schedule.tcdPlan(sigmas: sigmas) }

    func makeDenoiser() -> any Denoiser {
        FailableSDDenoiser(prepared: self)
    }

    func decode(latent: [Float], width: Int, height: Int) throws -> Frame {
        ImageTensor.frame(model.decoder.decode(latents: Tensor(shape: latentShape, data: latent))).resized(width: width, height: height)
    }

    /// TAESD on the latent average-pooled to the preview's size (TAESD is convolutional, so a 256-wide preview of
    /// a 512 render costs a quarter of a full-size decode), or the linear latent preview without TAESD.
    func decodePreview(latent: [Float], width: Int, height: Int) throws -> Frame {
        guard let tiny = model.previewDecoder else {
            return LatentPreview.frame(latent: latent, shape: latentShape).resized(width: width, height: height)
        }
        var pooled = Tensor(shape: latentShape, data: latent)
        while pooled.shape[3] % 2 == 0, pooled.shape[2] % 2 == 0, pooled.shape[3] * 4 >= width, pooled.shape[3] >= 16 {
            pooled = Self.halve(pooled)
        }
        return ImageTensor.frame(tiny.decode(latents: pooled)).resized(width: width, height: height)
    }

    /// 2×2 average pooling of [1, C, H, W].
    static func halve(_ t: Tensor) -> Tensor {
        let c = t.shape[1], h = t.shape[2] / 2, w = t.shape[3] / 2, inW = t.shape[3]
        var out = [Float](repeating: 0, count: c * h * w)
        for ch in 0..<c {
            let src = ch * h * 2 * inW
            for y in 0..<h {
                for x in 0..<w {
                    let i = src + 2 * y * inW + 2 * x
                    out[(ch * h + y) * w + x] = (t.data[i] + t.data[i + 1] + t.data[i + inW] + t.data[i + inW + 1]) / 4
                }
            }
        }
        return Tensor(shape: [1, c, h, w], data: out)
    }
}

/// Encodes the prompts on first use (the text encoder can fail on a broken checkpoint, and `makeDenoiser` cannot throw).
final class FailableSDDenoiser: Denoiser {
    let prepared: PreparedSD
    private var inner: SDDenoiser?

    init(prepared: PreparedSD) { self.prepared = prepared }

    func denoise(_ x: [Float], sigma: Float) throws -> [Float] {
        if inner == nil {
            let p = prepared
            inner = SDDenoiser(model: p.model, context: try p.model.embedding(for: p.ids),
                               negativeContext: try p.model.embedding(for: p.negativeIDs), guidance: p.guidance,
                               latentShape: p.latentShape)
        }
        return try inner!.denoise(x, sigma: sigma)
    }
}
