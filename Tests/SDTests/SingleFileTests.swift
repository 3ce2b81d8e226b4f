import Diffusion
import Foundation
@testable import SD
import Testing
import TestSupport

/// Single-file LDM checkpoints: the fixture folders converted by scripts/sd_fixtures.py (and read back by diffusers'
/// own from_single_file to exactly the folder's tensors) must render the folder's pixels exactly.
@Suite struct SingleFileTests {
    static func file(_ family: String) -> String { Fixture.path("\(family)/single-file.safetensors") }

    /// The single file with the folder's configs (the tiny models do not follow the published head rule) and,
    /// for SD 2.x, whose file ships without a VAE, the folder's VAE as the `vae` override.
    static func singleFile(_ family: String, loras: [LoRA] = []) throws -> StableDiffusionModel {
        try StableDiffusionModel(path: file(family), options: ModelOptions(
            vae: family == "tiny-sd2" ? Fixture.path("tiny-sd2/vae") : nil, loras: loras, configFolder: Fixture.path(family)))
    }

    @Test(arguments: ParityTests.families)
    func singleFileRendersTheFolderPixelForPixel(family: String) throws {
        let folder = try ParityTests.loaded(family), single = try Self.singleFile(family)
        #expect(single.family == folder.family)
        #expect(single.scheduler.prediction == folder.scheduler.prediction)
        let noise = try ParityTests.tensor(try ParityTests.reference(family), "pipeline.noise")
        let sigmas = folder.scheduler.sigmas(steps: 2, schedule: .native)
        let a = try PipelineRun.image(folder, noise: noise, sigmas: sigmas)
        let b = try PipelineRun.image(single, noise: noise, sigmas: sigmas)
        #expect(a == b, "largest difference \(PipelineRun.worst(a, b))")
        // And the single file matches diffusers' image as the folder does.
        let expected = try ParityTests.tensor(try ParityTests.reference(family), "pipeline.image").data
        #expect(ParityTests.relativeError(b, expected) < 1e-4)
    }

    @Test func shapesGiveTheArchitecture() throws {
        let sd1 = try LDMCheckpoint(SafeTensorsFile(path: Self.file("tiny-sd1")))
        let folder = try UNetConfig(ConfigFile(path: Fixture.path("tiny-sd1/unet/config.json")))
        #expect(sd1.family == .sd1)
        #expect(sd1.unet.config.blockOutChannels == folder.blockOutChannels)
        #expect(sd1.unet.config.layersPerBlock == folder.layersPerBlock)
        #expect(sd1.unet.config.downBlocks == folder.downBlocks && sd1.unet.config.upBlocks == folder.upBlocks)
        #expect(sd1.unet.config.crossAttentionDim == 32 && !sd1.unet.config.useLinearProjection)
        #expect(sd1.unet.config.heads == [8, 8, 8])  // LDM v1's num_heads
        #expect(sd1.text.config.vocabSize == 1000 && sd1.text.config.layers == 2 && sd1.text.config.intermediateSize == 48)
        #expect(sd1.text.config.activation == .quickGELU)
        #expect(sd1.vae?.config.blockOutChannels == [16, 16, 32, 32] && sd1.vae?.config.layersPerBlock == 1)
        #expect(sd1.prediction == .epsilon)

        let sd2 = try LDMCheckpoint(SafeTensorsFile(path: Self.file("tiny-sd2")))
        #expect(sd2.family == .sd2)
        #expect(sd2.unet.config.useLinearProjection && sd2.unet.config.layersPerBlock == 1)
        // The file stores three OpenCLIP blocks; SD 2.x runs all but the last.
        #expect(sd2.text.config.layers == 2 && sd2.text.config.activation == .gelu)
        #expect(sd2.vae == nil)
    }

    @Test func fusedQKVSplitsIntoThirds() throws {
        let file = try SafeTensorsFile(path: Self.file("tiny-sd2"))
        let sd2 = try LDMCheckpoint(file)
        let fused = try file.floats("cond_stage_model.model.transformer.resblocks.1.attn.in_proj_weight")
        let k = try sd2.text.weights.floats("encoder.layers.1.self_attn.k_proj.weight", shape: [32, 32])
        #expect(k == Array(fused[1024..<2048]))
        let folder = try SafeTensorsFile(path: Fixture.path("tiny-sd2/text_encoder/model.safetensors"))
        #expect(k == (try folder.floats("encoder.layers.1.self_attn.k_proj.weight")))
    }

    @Test func predictionSettingOverridesTheCheckpoint() throws {
        let model = try StableDiffusionModel(path: Self.file("tiny-sd1"), options: ModelOptions(
            prediction: .v, configFolder: Fixture.path("tiny-sd1")))
        #expect(model.scheduler.prediction == .v)
        let plain = try Self.singleFile("tiny-sd1")
        #expect(plain.scheduler.prediction == .epsilon)
        #expect(model.fingerprint != plain.fingerprint)
    }

    @Test func noVAECheckpointAsksForOne() throws {
        let error = try #require(throws: SDError.self) {
            try StableDiffusionModel(path: Self.file("tiny-sd2"), options: ModelOptions(configFolder: Fixture.path("tiny-sd2")))
        }
        #expect(error.message.contains("has no VAE") && error.message.contains("vae = "))
    }

    @Test func vaeOverrideFileMapsOntoTheFolderVAE() throws {
        // The SD 1.x single file read as a `vae` file: every tensor of the folder's VAE, through the LDM map.
        let folderVAE = try SafeTensorsFile(path: Fixture.path("tiny-sd1/vae/diffusion_pytorch_model.safetensors"))
        let file = try SafeTensorsFile(path: Self.file("tiny-sd1"))
        var keys: [String: String] = [:]
        for key in file.entries.keys where key.hasPrefix(LDMCheckpoint.vaePrefix) { keys[String(key.dropFirst(LDMCheckpoint.vaePrefix.count))] = key }
        let vae = try LDMCheckpoint.vae(file: file, keys: keys, override: VAEConfig(blockOutChannels: [16, 16, 32, 32], layersPerBlock: 1))
        #expect(vae.weights.map.count == folderVAE.entries.count)
        for (name, entry) in folderVAE.entries {
            #expect(try vae.weights.floats(name, shape: entry.shape) == folderVAE.floats(name), "\(name)")
        }
        // Shapes alone cannot give the toy VAE's 8 groups: loading it as an override is a clear error, not a crash.
        let error = try #require(throws: SDError.self) {
            try StableDiffusionModel(path: Fixture.path("tiny-sd1"), options: ModelOptions(vae: Self.file("tiny-sd1")))
        }
        #expect(error.message.contains("16-channel blocks") && error.message.contains("32 normalisation groups"))
        #expect(error.message.contains(Self.file("tiny-sd1")))
    }

    @Test func bundledVocabularyNeedsAFullSizeTextEncoder() throws {
        // Without a config folder the tokenizer is the bundled CLIP one, which a 1000-token toy model cannot take.
        let error = try #require(throws: SDError.self) {
            try StableDiffusionModel(path: Self.file("tiny-sd2"), options: ModelOptions(vae: Fixture.path("tiny-sd2/vae")))
        }
        #expect(error.message.contains("1000 token embeddings") && error.message.contains("49408"))
    }

    @Test func pickleCheckpointsAreRefusedUnread() throws {
        let folder = TestFolder()
        let ckpt = folder.path + "/model.ckpt", disguised = folder.path + "/model.safetensors"
        // A protocol-2 pickle header, then bytes no safetensors header could start with.
        try Data([0x80, 0x02, 0x7D, 0x71, 0x00, 0x28, 0x58, 0x0A, 0x00]).write(to: URL(fileURLWithPath: ckpt))
        try Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x00]).write(to: URL(fileURLWithPath: disguised))
        for path in [ckpt, disguised] {
            let error = try #require(throws: SDError.self) { try StableDiffusionModel(path: path) }
            #expect(error.message.contains(path) && error.message.contains("pickle") && error.message.contains("never"))
        }
    }

    @Test func unknownLayoutsNameTheFileAndWhatWasFound() throws {
        let unet = Fixture.path("tiny-sd1/unet/diffusion_pytorch_model.safetensors")
        let error = try #require(throws: SDError.self) { try StableDiffusionModel(path: unet) }
        #expect(error.message.contains(unet) && error.message.contains("LDM layout") && error.message.contains("down_blocks"))
        #expect(error.message.contains("diffusers folder"))
        let lora = Fixture.path("tiny-sd1/lora-kohya.safetensors")
        let loraError = try #require(throws: SDError.self) { try StableDiffusionModel(path: lora) }
        #expect(loraError.message.contains("looks like a LoRA"))
    }

    @Test func stateDictNestingAndEMACopiesAreSeenThrough() throws {
        let keys = LDMCheckpoint.strippingNesting(["state_dict.model.diffusion_model.out.2.weight",
                                                   "model_ema.diffusion_modelout2weight", "model.diffusion_model.out.0.bias"])
        #expect(keys == ["model.diffusion_model.out.2.weight": "state_dict.model.diffusion_model.out.2.weight",
                         "model.diffusion_model.out.0.bias": "model.diffusion_model.out.0.bias"])
    }

    @Test func nestedFileLoadsLikeThePlainOne() throws {
        // A state_dict-nested copy of the SD 1.x single file (as float32) renders the same pixels.
        let source = try SafeTensorsFile(path: Self.file("tiny-sd1"))
        let folder = TestFolder()
        let nested = folder.path + "/nested.safetensors"
        try TestSafeTensors.write(nested, try source.entries.values.filter { $0.dtype != nil }.map {
            ("state_dict." + $0.name, $0.shape, try source.floats($0.name))
        })
        let a = try StableDiffusionModel(path: nested, options: ModelOptions(configFolder: Fixture.path("tiny-sd1")))
        let b = try Self.singleFile("tiny-sd1")
        let noise = try ParityTests.tensor(try ParityTests.reference("tiny-sd1"), "pipeline.noise")
        let sigmas = b.scheduler.sigmas(steps: 1, schedule: .native)
        #expect(try PipelineRun.image(a, noise: noise, sigmas: sigmas) == PipelineRun.image(b, noise: noise, sigmas: sigmas))
    }

    @Test func sdxlIsNamed() throws {
        let folder = TestFolder()
        let path = folder.path + "/xl.safetensors"
        try TestSafeTensors.write(path, [("model.diffusion_model.label_emb.0.0.weight", [2, 2], [0, 0, 0, 0]),
                                         ("conditioner.embedders.0.transformer.text_model.final_layer_norm.weight", [2], [1, 1])])
        let error = try #require(throws: SDError.self) { try StableDiffusionModel(path: path) }
        #expect(error.message.contains("SDXL"))
    }

    @Test func bundledTokenizerIsTheFixtureVocabulary() throws {
        let (vocab, _) = try BundledTokenizer.vocabulary()
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixture.path("clip-tokenizer/vocab.json")))
        let reference = try JSONDecoder().decode([String: Int].self, from: data)
        #expect(vocab.count == 49408)
        #expect(vocab == reference)
        let eos = try BundledTokenizer.make(padToken: BundledTokenizer.padToken(for: .sd1))
        let bang = try BundledTokenizer.make(padToken: BundledTokenizer.padToken(for: .sd2))
        for c in try TokenizerTests.cases() {
            #expect(eos.tokenize(c.prompt) == c.ids, "\(c.prompt)")
            #expect(bang.tokenize(c.prompt) == c.ids_pad_bang, "\(c.prompt)")
        }
    }

    @Test func vPredictionFromMetadataOrTheWeights() throws {
        // The tiny SD 2.x file's norm biases are drawn with std 0.05: epsilon by ComfyUI's 0.09 test.
        let source = try SafeTensorsFile(path: Self.file("tiny-sd2"))
        #expect(try LDMCheckpoint(source).prediction == .epsilon)
        let folder = TestFolder()
        func copy(_ name: String, metadata: [String: String] = [:], scaling key: String? = nil) throws -> LDMCheckpoint {
            let path = folder.path + "/" + name
            try TestSafeTensors.write(path, try source.entries.values.filter { $0.dtype != nil }.map { entry in
                let values = try source.floats(entry.name)
                return (entry.name, entry.shape, entry.name == key ? values.map { $0 * 4 } : values)
            }, metadata: metadata)
            return try LDMCheckpoint(SafeTensorsFile(path: path))
        }
        #expect(try copy("said.safetensors", metadata: ["modelspec.prediction_type": "v"]).prediction == .v)
        // The last output attention block (here output_blocks.5) with 4× the spread reads as a 768-v model.
        let last = "model.diffusion_model.output_blocks.5.1.transformer_blocks.0.norm1.bias"
        #expect(source.contains(last))
        #expect(try copy("spread.safetensors", scaling: last).prediction == .v)
    }
}
