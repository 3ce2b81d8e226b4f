import Foundation
@testable import SD
import Testing
import TestSupport

/// `bench sd --write-checkpoint`: the random-weight LDM single file, here at the tiny fixture's sizes, must have the
/// keys and shapes of the fixture's own single file (converted by scripts/sd_fixtures.py and read back by
/// diffusers' from_single_file) and read back through our loader to exactly the values written.
@Suite struct CheckpointWriterTests {
    static func configs() throws -> (UNetConfig, CLIPTextConfig, VAEConfig) {
        (try UNetConfig(ConfigFile(path: Fixture.path("tiny-sd1/unet/config.json"))),
         try CLIPTextConfig(ConfigFile(path: Fixture.path("tiny-sd1/text_encoder/config.json"))),
         try VAEConfig(ConfigFile(path: Fixture.path("tiny-sd1/vae/config.json"))))
    }

    @Test func writtenFileHasTheLDMLayoutAndReadsBackExactly() throws {
        let (unet, text, vae) = try Self.configs()
        let folder = TestFolder()
        let path = folder.path + "/random.safetensors"
        let summary = try LDMCheckpointWriter.writeRandom(to: path, unet: unet, text: text, vae: vae, half: true)
        let file = try SafeTensorsFile(path: path)
        #expect(file.entries.count == summary.tensors)

        // The fixture converter's keys and shapes (less the position ids, which nothing reads).
        let reference = try SafeTensorsFile(path: Fixture.path("tiny-sd1/single-file.safetensors"))
        let expected = reference.entries.filter { !$0.key.hasSuffix("position_ids") }
        #expect(Set(file.entries.keys) == Set(expected.keys))
        for (key, entry) in expected { #expect(file.entries[key]?.shape == entry.shape, "\(key)") }

        // Read back by the single-file loader: the same values, f16 matrices still f16.
        let checkpoint = try LDMCheckpoint(file)
        #expect(checkpoint.family == .sd1)
        #expect(checkpoint.unet.config.blockOutChannels == unet.blockOutChannels)
        #expect(checkpoint.unet.config.layersPerBlock == unet.layersPerBlock)
        #expect(checkpoint.unet.config.downBlocks == unet.downBlocks && checkpoint.unet.config.upBlocks == unet.upBlocks)
        let vaeRead = try #require(checkpoint.vae)
        #expect(vaeRead.config.blockOutChannels == vae.blockOutChannels && vaeRead.config.layersPerBlock == vae.layersPerBlock)
        let plan = try LDMCheckpointWriter.plan(unet: unet, text: text, vae: vae, half: true)
        let weights = RandomWeights(halfMatrices: true)
        var compared = 0
        for (requests, source) in [(plan.unet, checkpoint.unet.weights), (plan.text, checkpoint.text.weights), (plan.vae, vaeRead.weights)] {
            for r in requests {
                let written = r.asValues ? try weights.values(r.name, shape: r.shape) : .float(try weights.floats(r.name, shape: r.shape))
                let read = try source.values(r.name, shape: r.shape)
                #expect(read.floats == written.floats, "\(r.name)")
                if case .half = written { if case .float = read { Issue.record("\(r.name) was written f16 but read as float32") } }
                compared += 1
            }
        }
        #expect(compared >= summary.tensors)
    }

    @Test func everyFullSizeNameHasAnLDMKey() {
        // The SD 1.5 shapes' names, without building the 860 M-parameter model: the key functions over its blocks.
        let config = UNetConfig.sd15
        #expect(LDMCheckpointWriter.ldmUNetKey("down_blocks.3.resnets.1.conv2.weight", config: config) == "input_blocks.11.0.out_layers.3.weight")
        #expect(LDMCheckpointWriter.ldmUNetKey("down_blocks.2.downsamplers.0.conv.bias", config: config) == "input_blocks.9.0.op.bias")
        #expect(LDMCheckpointWriter.ldmUNetKey("up_blocks.0.upsamplers.0.conv.weight", config: config) == "output_blocks.2.1.conv.weight")
        #expect(LDMCheckpointWriter.ldmUNetKey("up_blocks.1.upsamplers.0.conv.weight", config: config) == "output_blocks.5.2.conv.weight")
        #expect(LDMCheckpointWriter.ldmUNetKey("up_blocks.3.attentions.2.proj_out.weight", config: config) == "output_blocks.11.1.proj_out.weight")
        #expect(LDMCheckpointWriter.ldmUNetKey("mid_block.resnets.1.time_emb_proj.weight", config: config) == "middle_block.2.emb_layers.1.weight")
        #expect(LDMCheckpointWriter.ldmVAEKey("decoder.up_blocks.0.upsamplers.0.conv.weight", levels: 4) == "decoder.up.3.upsample.conv.weight")
        #expect(LDMCheckpointWriter.ldmVAEKey("decoder.mid_block.attentions.0.to_out.0.bias", levels: 4) == "decoder.mid.attn_1.proj_out.bias")
        #expect(LDMCheckpointWriter.ldmVAEKey("encoder.down_blocks.1.resnets.0.conv_shortcut.weight", levels: 4) == "encoder.down.1.block.0.nin_shortcut.weight")
    }
}
