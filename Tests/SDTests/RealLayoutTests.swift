@testable import SD
import Testing

/// Shape inference and the key map on the real SD 1.5 and SD 2.1 UNet layouts (key names and shapes written out
/// here from the published LDM layout, no weights), where the head rule and four levels matter.
@Suite struct RealLayoutTests {
    /// The LDM UNet of SD 1.x (`linear` false, context 768) or SD 2.x (`linear` true, context 1024): names → shapes.
    static func ldmUNet(linear: Bool, context: Int) -> [String: [Int]] {
        let channels = [320, 640, 1280, 1280], layers = 2, time = 1280
        var out: [String: [Int]] = ["time_embed.0.weight": [time, 320], "time_embed.0.bias": [time],
                                    "time_embed.2.weight": [time, time], "time_embed.2.bias": [time],
                                    "input_blocks.0.0.weight": [320, 4, 3, 3], "input_blocks.0.0.bias": [320],
                                    "out.0.weight": [320], "out.0.bias": [320], "out.2.weight": [4, 320, 3, 3], "out.2.bias": [4]]
        func resnet(_ at: String, _ i: Int, _ o: Int) {
            out["\(at).in_layers.0.weight"] = [i]; out["\(at).in_layers.2.weight"] = [o, i, 3, 3]
            out["\(at).emb_layers.1.weight"] = [o, time]; out["\(at).out_layers.0.weight"] = [o]
            out["\(at).out_layers.3.weight"] = [o, o, 3, 3]; out["\(at).out_layers.3.bias"] = [o]
            if i != o { out["\(at).skip_connection.weight"] = [o, i, 1, 1] }
        }
        func attention(_ at: String, _ c: Int) {
            out["\(at).norm.weight"] = [c]
            out["\(at).proj_in.weight"] = linear ? [c, c] : [c, c, 1, 1]
            out["\(at).proj_out.weight"] = linear ? [c, c] : [c, c, 1, 1]
            out["\(at).transformer_blocks.0.attn1.to_q.weight"] = [c, c]
            out["\(at).transformer_blocks.0.attn2.to_k.weight"] = [c, context]
            out["\(at).transformer_blocks.0.norm1.bias"] = [c]
            out["\(at).transformer_blocks.0.ff.net.0.proj.weight"] = [c * 8, c]
        }
        var previous = 320
        var skips = [320]
        for level in 0..<4 {
            for j in 0..<layers {
                let k = 1 + level * (layers + 1) + j
                resnet("input_blocks.\(k).0", previous, channels[level])
                if level < 3 { attention("input_blocks.\(k).1", channels[level]) }
                previous = channels[level]
                skips.append(previous)
            }
            if level < 3 {
                out["input_blocks.\((level + 1) * (layers + 1)).0.op.weight"] = [previous, previous, 3, 3]
                skips.append(previous)
            }
        }
        resnet("middle_block.0", 1280, 1280); attention("middle_block.1", 1280); resnet("middle_block.2", 1280, 1280)
        for level in 0..<4 {
            let c = channels[3 - level]
            for j in 0...layers {
                let k = level * (layers + 1) + j
                resnet("output_blocks.\(k).0", previous + skips.removeLast(), c)
                previous = c
                if level > 0 { attention("output_blocks.\(k).1", c) }
            }
            if level < 3 { out["output_blocks.\(level * (layers + 1) + layers).\(level > 0 ? 2 : 1).conv.weight"] = [c, c, 3, 3] }
        }
        return out
    }

    @Test func sd15ShapesGiveTheSD15Config() throws {
        let config = try LDMCheckpoint.inferUNet(KeyedShapes(path: "sd15", shapes: Self.ldmUNet(linear: false, context: 768)), family: .sd1)
        let expected = UNetConfig.sd15
        #expect(config.blockOutChannels == expected.blockOutChannels && config.layersPerBlock == 2)
        #expect(config.downBlocks == expected.downBlocks && config.upBlocks == expected.upBlocks)
        #expect(config.heads == expected.heads && config.crossAttentionDim == 768 && !config.useLinearProjection)
    }

    @Test func sd21ShapesGiveTheSD21Config() throws {
        let config = try LDMCheckpoint.inferUNet(KeyedShapes(path: "sd21", shapes: Self.ldmUNet(linear: true, context: 1024)), family: .sd2)
        let expected = UNetConfig.sd21
        #expect(config.blockOutChannels == expected.blockOutChannels && config.layersPerBlock == 2)
        #expect(config.heads == [5, 10, 20, 20] && config.crossAttentionDim == 1024 && config.useLinearProjection)
    }

    @Test func keyMapPlacesEveryRealKey() {
        let shapes = Self.ldmUNet(linear: false, context: 768)
        let map = LDMKeyMap.unet(Array(shapes.keys), layersPerBlock: 2)
        #expect(map.count == shapes.count)  // nothing dropped, nothing doubled
        let facts = [  // diffusers' conversion tables for SD 1.x
            "input_blocks.3.0.op.weight": "down_blocks.0.downsamplers.0.conv.weight",
            "input_blocks.4.0.skip_connection.weight": "down_blocks.1.resnets.0.conv_shortcut.weight",
            "input_blocks.8.1.proj_in.weight": "down_blocks.2.attentions.1.proj_in.weight",
            "input_blocks.11.0.in_layers.2.weight": "down_blocks.3.resnets.1.conv1.weight",
            "middle_block.2.emb_layers.1.weight": "mid_block.resnets.1.time_emb_proj.weight",
            "output_blocks.2.1.conv.weight": "up_blocks.0.upsamplers.0.conv.weight",
            "output_blocks.5.2.conv.weight": "up_blocks.1.upsamplers.0.conv.weight",
            "output_blocks.8.2.conv.weight": "up_blocks.2.upsamplers.0.conv.weight",
            "output_blocks.11.1.transformer_blocks.0.attn2.to_k.weight": "up_blocks.3.attentions.2.transformer_blocks.0.attn2.to_k.weight",
            "output_blocks.3.0.out_layers.3.weight": "up_blocks.1.resnets.0.conv2.weight",
            "time_embed.2.weight": "time_embedding.linear_2.weight",
            "out.0.weight": "conv_norm_out.weight",
        ]
        for (ldm, ours) in facts { #expect(map[ours]?.key == ldm, "\(ldm)") }
    }

    @Test func vaeDecoderLevelsAreReversed() {
        let keys = ["decoder.up.0.block.2.conv1.weight", "decoder.up.3.upsample.conv.weight", "decoder.mid.attn_1.proj_out.weight",
                    "encoder.down.1.block.0.nin_shortcut.weight", "encoder.norm_out.bias", "post_quant_conv.weight"]
        let map = LDMKeyMap.vae(keys, levels: 4)
        #expect(map["decoder.up_blocks.3.resnets.2.conv1.weight"]?.key == "decoder.up.0.block.2.conv1.weight")
        #expect(map["decoder.up_blocks.0.upsamplers.0.conv.weight"]?.key == "decoder.up.3.upsample.conv.weight")
        #expect(map["decoder.mid_block.attentions.0.to_out.0.weight"]?.key == "decoder.mid.attn_1.proj_out.weight")
        #expect(map["encoder.down_blocks.1.resnets.0.conv_shortcut.weight"]?.key == "encoder.down.1.block.0.nin_shortcut.weight")
        #expect(map["encoder.conv_norm_out.bias"]?.key == "encoder.norm_out.bias")
        #expect(map["post_quant_conv.weight"]?.key == "post_quant_conv.weight")
    }
}
