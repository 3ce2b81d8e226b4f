import Diffusion
import Foundation
@testable import SD
import Testing

/// AnimateDiff parity with diffusers on tiny-sd1 and a random MotionAdapter (scripts/sd_fixtures.py --animatediff:
/// the references ran in float32 on exactly the stored float16 weights).
@Suite struct MotionParityTests {
    static let reference = Fixture.path("tiny-sd1/animatediff-reference.safetensors")

    static func model() throws -> StableDiffusionModel { try StableDiffusionModel(folder: Fixture.path("tiny-sd1")) }

    static func adapter(_ model: StableDiffusionModel, _ name: String = "motion-adapter") throws -> MotionAdapter {
        try MotionAdapter(path: Fixture.path("tiny-sd1/\(name)"), unet: model.unet.config)
    }

    /// [1, C, F, H, W] (diffusers' video latents) → [F, C, H, W] (ours, frame-major).
    static func frameMajor(_ t: Tensor) -> Tensor {
        let c = t.shape[1], f = t.shape[2], plane = t.shape[3] * t.shape[4]
        var out = [Float](repeating: 0, count: t.count)
        for ch in 0..<c {
            for fr in 0..<f {
                for p in 0..<plane { out[(fr * c + ch) * plane + p] = t.data[(ch * f + fr) * plane + p] }
            }
        }
        return Tensor(shape: [f, c, t.shape[3], t.shape[4]], data: out)
    }

    @Test func positionEncodingIsTheSinusoidOfTheReference() {
        // Vaswani et al.: PE(p, 2i) = sin(p / 10000^(2i/C)), PE(p, 2i+1) = cos(…); spot values computed by hand.
        let table = SinusoidalPositions.table(length: 32, channels: 8)
        #expect(table[0] == 0 && table[1] == 1)
        #expect(abs(table[3 * 8 + 0] - Float(sin(3.0))) < 1e-7)
        #expect(abs(table[5 * 8 + 3] - Float(cos(5.0 / 10.0))) < 1e-7)  // 10000^(2/8) = 10
        #expect(abs(table[31 * 8 + 6] - Float(sin(31.0 / 1000.0))) < 1e-7)
    }

    @Test(arguments: ["motion-adapter", "motion-module-original.safetensors"])
    func temporalTransformerMatchesDiffusers(name: String) throws {
        let model = try Self.model()
        let adapter = try Self.adapter(model, name)
        let ref = try SafeTensorsFile(path: Self.reference)
        let down = adapter.down[0][0](try ParityTests.tensor(ref, "temporal.input"), frames: 16)
        let downError = ParityTests.relativeError(down.data, try ParityTests.tensor(ref, "temporal.output").data)
        let midModule = try #require(adapter.mid)
        let mid = midModule(try ParityTests.tensor(ref, "temporal.mid_input"), frames: 8)
        let midError = ParityTests.relativeError(mid.data, try ParityTests.tensor(ref, "temporal.mid_output").data)
        print("parity AnimateDiff temporal transformer (\(name)): relative error \(downError), mid block \(midError)")
        #expect(downError < 1e-4)
        #expect(midError < 1e-4)
    }

    @Test func singleFileConfigIsInferredAsTheFolderSays() throws {
        let model = try Self.model()
        let folder = try Self.adapter(model), single = try Self.adapter(model, "motion-module-original.safetensors")
        #expect(single.config == folder.config)
        #expect(folder.config == MotionAdapterConfig(blockOutChannels: [32, 32, 64], layersPerBlock: 2, midBlock: true,
                                                     heads: 8, groups: 32, maxFrames: 32))
    }

    @Test func motionUNetMatchesDiffusers() throws {
        let model = try Self.model()
        let adapter = try Self.adapter(model)
        let ref = try SafeTensorsFile(path: Self.reference)
        let sample = Self.frameMajor(try ParityTests.tensor(ref, "unet.sample"))
        let context = try model.embedding(for: model.tokenizer.tokenize("a horse on the beach at sunset"))
        let out = model.unet(sample, timesteps: Array(repeating: 601, count: 16),
                             context: Tensor.batch(Array(repeating: context, count: 16)), motion: adapter, frames: 16)
        let error = ParityTests.relativeError(out.data, Self.frameMajor(try ParityTests.tensor(ref, "unet.output")).data)
        print("parity AnimateDiff UNet (16 frames): relative error \(error)")
        #expect(error < 1e-4)
    }

    @Test(arguments: [("guided", 7.5), ("unguided", 1.0)])
    func twoStepClipMatchesAnimateDiffPipeline(name: String, guidance: Double) throws {
        let model = try Self.model()
        let adapter = try Self.adapter(model)
        let ref = try SafeTensorsFile(path: Self.reference)
        let scheduler = model.scheduler.animateDiff()
        let sigmas = scheduler.sigmas(steps: 2, schedule: .native)
        let expectedSigmas = try ParityTests.tensor(ref, "pipeline.sigmas").data
        #expect(ParityTests.relativeError(sigmas, expectedSigmas) < 1e-5, "sigmas \(sigmas) against diffusers' \(expectedSigmas)")
        let file = try NPYFile(path: Fixture.path("tiny-sd1/animatediff-noise.npy"))
        let noise = Self.frameMajor(Tensor(shape: file.shape, data: file.values))
        let denoiser = VideoDenoiser(model: model, motion: adapter, scheduler: scheduler,
                                     context: try model.embedding(for: model.tokenizer.tokenize("a horse on the beach at sunset")),
                                     negativeContext: try model.embedding(for: model.tokenizer.tokenize("")),
                                     guidance: guidance, latentShape: noise.shape)
        let latent = try Sampling.sample(.euler, denoiser: denoiser, x: noise.data.map { $0 * sigmas[0] }, sigmas: sigmas,
                                         noise: GaussianNoise(seed: 0))
        let expected = try ParityTests.tensor(ref, "pipeline.\(name).frames")
        var worst: Float = 0
        for f in 0..<16 {
            let frame = Tensor(shape: [1] + noise.shape.dropFirst(), data: Array(latent[(f * 256)..<((f + 1) * 256)]))
            let image = model.decoder.decode(latents: frame)
            let h = image.shape[2], w = image.shape[3]
            for c in 0..<3 {
                for p in 0..<(h * w) {
                    let ours = min(1, max(0, image.data[c * h * w + p] / 2 + 0.5))
                    worst = max(worst, abs(ours - expected.data[(f * h * w + p) * 3 + c]))
                }
            }
        }
        print("parity AnimateDiff 2-step clip (\(name)): worst pixel difference \(worst * 255)/255")
        #expect(worst * 255 <= 1)
    }
}

/// One clear error naming the file for a module that is missing, unreadable or made for another UNet.
@Suite struct MotionAdapterErrorTests {
    @Test func aModuleForAnotherUNetIsRefusedNamingTheFile() throws {
        // tiny-sd2's UNet has one layer per block; the module was made for tiny-sd1's two.
        let sd2 = try StableDiffusionModel(folder: Fixture.path("tiny-sd2"))
        let path = Fixture.path("tiny-sd1/motion-adapter")
        let error = try #require(throws: SDError.self) { try MotionAdapter(path: path, unet: sd2.unet.config) }
        #expect(error.message.contains(path) && error.message.contains("layers per block"))
        var wide = sd2.unet.config
        wide.blockOutChannels = [320, 640, 1280, 1280]
        let channels = try #require(throws: SDError.self) { try MotionAdapter(path: path, unet: wide) }
        #expect(channels.message.contains(path) && channels.message.contains("[32, 32, 64]") && channels.message.contains("[320, 640, 1280, 1280]"))
    }

    @Test func missingPickleAndForeignFilesAreRefused() throws {
        let unet = try StableDiffusionModel(folder: Fixture.path("tiny-sd1")).unet.config
        let missing = try #require(throws: SDError.self) { try MotionAdapter(path: "/nonexistent/mm_sd_v15_v2.safetensors", unet: unet) }
        #expect(missing.message.contains("/nonexistent/mm_sd_v15_v2.safetensors does not exist"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("motion-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        FileManager.default.createFile(atPath: dir + "/mm_sd_v15_v2.ckpt", contents: Data([0x80, 0x02]))
        let pickle = try #require(throws: SDError.self) { try MotionAdapter(path: dir + "/mm_sd_v15_v2.ckpt", unet: unet) }
        #expect(pickle.message.contains("pickle"))
        // A whole SD checkpoint is a safetensors file with no motion modules in it.
        let foreign = Fixture.path("tiny-sd1/single-file.safetensors")
        let notMotion = try #require(throws: SDError.self) { try MotionAdapter(path: foreign, unet: unet) }
        #expect(notMotion.message.contains(foreign) && notMotion.message.contains("no AnimateDiff motion modules"))
    }
}

/// Latents whose sides do not halve evenly (a 144-pixel side is 18 latent rows: 18 → 9 → 5 and back) run as in
/// diffusers, whose upsamplers take the size of the skip connection they meet.
@Suite struct OddSizeParityTests {
    @Test func unetOnAnOddSizedLatentMatchesDiffusers() throws {
        let model = try StableDiffusionModel(folder: Fixture.path("tiny-sd1"))
        let ref = try SafeTensorsFile(path: Fixture.path("tiny-sd1/odd-size-reference.safetensors"))
        let out = model.unet(try ParityTests.tensor(ref, "sample"), timesteps: [421], context: try ParityTests.tensor(ref, "context"))
        let error = ParityTests.relativeError(out.data, try ParityTests.tensor(ref, "output").data)
        print("parity UNet on an 18×10 latent: relative error \(error)")
        #expect(out.shape == [1, 4, 18, 10])
        #expect(error < 1e-4)
    }
}
