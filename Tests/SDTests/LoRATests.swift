import Diffusion
import Foundation
@testable import SD
import Testing
import TestSupport

/// LoRA merging against scripts/sd_fixtures.py's numpy merge (W + strength · alpha/rank · up·down) of a random
/// kohya LoRA into tiny-sd1, and diffusers' 2-step pipeline image from those merged weights.
@Suite struct LoRATests {
    static let kohya = Fixture.path("tiny-sd1/lora-kohya.safetensors")
    static let peft = Fixture.path("tiny-sd1/lora-peft.safetensors")
    static let strength = 0.8

    static func reference() throws -> SafeTensorsFile { try SafeTensorsFile(path: Fixture.path("tiny-sd1/lora-reference.safetensors")) }

    @Test(arguments: [kohya, peft])
    func mergedWeightsMatchTheNumpyMerge(lora: String) throws {
        let ref = try Self.reference()
        let unet = try SafeTensorsFile(path: Fixture.path("tiny-sd1/unet/diffusion_pytorch_model.safetensors"))
        let text = try SafeTensorsFile(path: Fixture.path("tiny-sd1/text_encoder/model.safetensors"))
        let file = try LoRAFile(path: lora)
        #expect(file.modules.count == 9)
        let merged = [LoRAComponent.unet: LoRAMergedWeights(unet, component: .unet, loras: [(file, Float(Self.strength))]),
                      .textEncoder: LoRAMergedWeights(StrippedPrefix(text, "text_model."), component: .textEncoder,
                                                      loras: [(file, Float(Self.strength))])]
        var checked = 0
        for name in ref.entries.keys where name.hasPrefix("merged.") {
            let entry = ref.entries[name]!
            var layer = String(name.dropFirst("merged.".count))
            let component: LoRAComponent = layer.hasPrefix("unet.") ? .unet : .textEncoder
            layer = String(layer.drop { $0 != "." }.dropFirst())
            if component == .textEncoder { layer = String(layer.dropFirst("text_model.".count)) }
            let ours = try merged[component]!.floats(layer, shape: entry.shape)
            #expect(ParityTests.relativeError(ours, try ref.floats(name)) < 1e-6, "\(layer)")
            checked += 1
        }
        #expect(checked == 9)
        #expect(merged[.unet]!.usedCounts() == [7] && merged[.textEncoder]!.usedCounts() == [2])
    }

    @Test func loraPipelineMatchesTheReferenceWithin1Of255() throws {
        let model = try StableDiffusionModel(path: Fixture.path("tiny-sd1"), options: ModelOptions(loras: [LoRA(path: Self.kohya, strength: Self.strength)]))
        let noise = try ParityTests.tensor(try ParityTests.reference("tiny-sd1"), "pipeline.noise")
        let ours = try PipelineRun.image(model, noise: noise, sigmas: model.scheduler.sigmas(steps: 2, schedule: .native))
        let expected = try Self.reference().floats("lora.image")
        let worst = PipelineRun.worst(ours, expected)
        print("lora pipeline image: largest difference \(worst * 255)/255")
        #expect(worst < 1 / 255)
        // The LoRA changes the picture (so the test above is not passing on the base weights).
        let base = try ParityTests.tensor(try ParityTests.reference("tiny-sd1"), "pipeline.image").data
        #expect(PipelineRun.worst(base, expected) > 10 / 255)
    }

    @Test func kohyaAndPEFTFilesOfOneLoRAGiveTheSamePixels() throws {
        let noise = try ParityTests.tensor(try ParityTests.reference("tiny-sd1"), "pipeline.noise")
        func render(_ path: String) throws -> [Float] {
            let model = try StableDiffusionModel(path: Fixture.path("tiny-sd1"), options: ModelOptions(loras: [LoRA(path: path, strength: Self.strength)]))
            return try PipelineRun.image(model, noise: noise, sigmas: model.scheduler.sigmas(steps: 2, schedule: .native))
        }
        #expect(try render(Self.kohya) == render(Self.peft))
        // A single file takes the same LoRA to the same pixels as the folder.
        let single = try SingleFileTests.singleFile("tiny-sd1", loras: [LoRA(path: Self.kohya, strength: Self.strength)])
        #expect(try PipelineRun.image(single, noise: noise, sigmas: single.scheduler.sigmas(steps: 2, schedule: .native)) == render(Self.kohya))
    }

    @Test func strengthAndFileAreInTheKeys() throws {
        let a = try StableDiffusionModel(path: Fixture.path("tiny-sd1"), options: ModelOptions(loras: [LoRA(path: Self.kohya, strength: 0.8)]))
        let b = try StableDiffusionModel(path: Fixture.path("tiny-sd1"), options: ModelOptions(loras: [LoRA(path: Self.kohya, strength: 0.5)]))
        let c = try StableDiffusionModel(path: Fixture.path("tiny-sd1"), options: ModelOptions(loras: [LoRA(path: Self.peft, strength: 0.8)]))
        #expect(a.loraKeys.count == 1 && a.loraKeys != b.loraKeys && a.loraKeys != c.loraKeys)
        #expect(a.loraKeys[0].hasSuffix("@0.8") && a.fingerprint == b.fingerprint)
    }

    @Test func loraForAnotherModelIsReported() throws {
        let folder = TestFolder()
        let path = folder.path + "/xl.safetensors"
        try TestSafeTensors.write(path, [
            ("lora_unet_input_blocks_4_1_transformer_blocks_9_attn1_to_q.lora_down.weight", [1, 4], [1, 2, 3, 4]),
            ("lora_unet_input_blocks_4_1_transformer_blocks_9_attn1_to_q.lora_up.weight", [4, 1], [1, 2, 3, 4]),
        ])
        let error = try #require(throws: SDError.self) {
            try StableDiffusionModel(path: Fixture.path("tiny-sd1"), options: ModelOptions(loras: [LoRA(path: path)]))
        }
        #expect(error.message.contains(path) && error.message.contains("none of its 1 modules"))
    }

    @Test func notALoRAIsOneClearError() throws {
        let path = Fixture.path("tiny-sd1/text_encoder/model.safetensors")
        let error = try #require(throws: SDError.self) {
            try StableDiffusionModel(path: Fixture.path("tiny-sd1"), options: ModelOptions(loras: [LoRA(path: path)]))
        }
        #expect(error.message.contains(path) && error.message.contains("no LoRA modules"))
    }
}
