import Diffusion
import Foundation
@testable import SD
import Testing

/// Numeric parity with diffusers/transformers on the small random-weight checkpoints in Fixtures/
/// (written by scripts/sd_fixtures.py: the references ran in float32 on exactly the stored float16 weights).
@Suite struct ParityTests {
    static let families = ["tiny-sd1", "tiny-sd2"]

    /// max |a − b| / max |b|: the error relative to the reference's own scale.
    static func relativeError(_ a: [Float], _ b: [Float]) -> Double {
        precondition(a.count == b.count, "\(a.count) values against \(b.count)")
        var worst = 0.0, scale = 0.0
        for i in a.indices {
            worst = max(worst, Double(abs(a[i] - b[i])))
            scale = max(scale, Double(abs(b[i])))
        }
        return worst / max(scale, 1e-12)
    }

    static func reference(_ family: String) throws -> SafeTensorsFile {
        try SafeTensorsFile(path: Fixture.path("\(family)/reference.safetensors"))
    }

    static func tensor(_ file: SafeTensorsFile, _ name: String) throws -> Tensor {
        let entry = try #require(file.entries[name])
        return Tensor(shape: entry.shape, data: try file.floats(name))
    }

    static func loaded(_ family: String) throws -> StableDiffusionModel {
        try StableDiffusionModel(folder: Fixture.path(family))
    }

    @Test(arguments: families)
    func textEncoderMatchesTransformers(family: String) throws {
        let model = try Self.loaded(family)
        let ref = try Self.reference(family)
        // The token ids themselves are checked against the reference in TokenizerTests.
        let ids = [model.tokenizer.tokenize("a horse on the beach at sunset"), model.tokenizer.tokenize("")]
        let out = try model.textEncoder.encode(ids)
        let error = Self.relativeError(out.data, try Self.tensor(ref, "text.embeddings").data)
        print("parity \(family) text encoder: relative error \(error)")
        #expect(error < 1e-4)
    }

    @Test(arguments: families)
    func unetForwardMatchesDiffusers(family: String) throws {
        let model = try Self.loaded(family)
        let ref = try Self.reference(family)
        let sample = try Self.tensor(ref, "unet.sample"), context = try Self.tensor(ref, "text.embeddings")
        let timesteps = try Self.tensor(ref, "unet.timesteps").data
        let expected = try Self.tensor(ref, "unet.output")
        let single = Tensor.batch((0..<2).map { model.unet(sample.item($0), timesteps: [timesteps[$0]], context: context.item($0)) })
        let error = Self.relativeError(single.data, expected.data)
        let batched = model.unet(sample, timesteps: [501, 501], context: context)
        let batchError = Self.relativeError(batched.data, try Self.tensor(ref, "unet.batch_output").data)
        print("parity \(family) UNet: relative error \(error) (batch of two: \(batchError))")
        #expect(error < 1e-4)
        #expect(batchError < 1e-4)
    }

    @Test(arguments: families)
    func vaeMatchesDiffusers(family: String) throws {
        let model = try Self.loaded(family)
        let ref = try Self.reference(family)
        let decoded = model.decoder.decode(unscaled: try Self.tensor(ref, "vae.latent"))
        let decodeError = Self.relativeError(decoded.data, try Self.tensor(ref, "vae.decoded").data)
        let mean = try model.makeEncoder().encodeMean(try Self.tensor(ref, "vae.image"))
        let encodeError = Self.relativeError(mean.data, try Self.tensor(ref, "vae.encoded_mean").data)
        let tiny = try #require(model.previewDecoder).decode(latents: try Self.tensor(ref, "vae.latent"))
        let tinyError = Self.relativeError(tiny.data, try Self.tensor(ref, "taesd.decoded").data)
        print("parity \(family) VAE decode \(decodeError), encode \(encodeError), TAESD \(tinyError)")
        #expect(decodeError < 1e-4)
        #expect(encodeError < 1e-4)
        #expect(tinyError < 1e-4)
    }

    @Test(arguments: families)
    func twoStepPipelineMatchesDiffusers(family: String) throws {
        let model = try Self.loaded(family)
        let ref = try Self.reference(family)
        let sigmas = model.scheduler.sigmas(steps: 2, schedule: .native)
        let expectedSigmas = try Self.tensor(ref, "pipeline.sigmas").data
        #expect(Self.relativeError(sigmas, expectedSigmas) < 1e-5)
        let noise = try Self.tensor(ref, "pipeline.noise")
        let context = try model.embedding(for: model.tokenizer.tokenize("a horse on the beach at sunset"))
        let negative = try model.embedding(for: model.tokenizer.tokenize(""))
        let denoiser = SDDenoiser(model: model, context: context, negativeContext: negative, guidance: 7.5, latentShape: noise.shape)
        let latent = try Sampling.sample(.euler, denoiser: denoiser, x: noise.data.map { $0 * sigmas[0] }, sigmas: sigmas,
                                         noise: GaussianNoise(seed: 0))
        let image = model.decoder.decode(latents: Tensor(shape: noise.shape, data: latent))
        // The reference image is [H, W, 3] in [0, 1]; ours is [1, 3, H, W] in [-1, 1].
        let expected = try Self.tensor(ref, "pipeline.image")
        let h = expected.shape[0], w = expected.shape[1]
        var ours = [Float](repeating: 0, count: h * w * 3)
        for c in 0..<3 {
            for p in 0..<(h * w) { ours[p * 3 + c] = min(1, max(0, image.data[c * h * w + p] / 2 + 0.5)) }
        }
        let error = Self.relativeError(ours, expected.data)
        print("parity \(family) 2-step pipeline image: relative error \(error)")
        #expect(error < 1e-4)
    }
}
