/// The published correspondence between the original CompVis/LDM checkpoint layout and the diffusers names our
/// modules read (the facts diffusers' and ComfyUI's converters encode), as pure functions of the key lists.
///
/// Each function takes the keys of one component with its prefix already removed and returns, for every
/// diffusers name, where that tensor is. Keys that map to nothing are left out (EMA copies, position ids).
enum LDMKeyMap {
    /// The UNet (`model.diffusion_model.*`): `input_blocks` hold a resnet (slot 0) and an attention (slot 1) per
    /// layer plus one downsampler per level, `output_blocks` one more layer per level and the upsampler last.
    static func unet(_ keys: [String], layersPerBlock: Int) -> [String: TensorRef] {
        let stride = layersPerBlock + 1
        var map: [String: TensorRef] = [:]
        for key in keys {
            let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            var name: String?
            switch parts.first {
            case "time_embed" where parts.count == 3:
                name = ["0": "time_embedding.linear_1", "2": "time_embedding.linear_2"][parts[1]].map { "\($0).\(parts[2])" }
            case "out" where parts.count == 3:
                name = ["0": "conv_norm_out", "2": "conv_out"][parts[1]].map { "\($0).\(parts[2])" }
            case "input_blocks" where parts.count >= 4:
                guard let k = Int(parts[1]) else { break }
                let rest = parts[3...].joined(separator: ".")
                if k == 0 { name = parts[2] == "0" ? "conv_in.\(rest)" : nil; break }
                let level = (k - 1) / stride, layer = (k - 1) % stride
                if layer == layersPerBlock {
                    if parts[2] == "0", parts[3] == "op" { name = "down_blocks.\(level).downsamplers.0.conv.\(parts[4...].joined(separator: "."))" }
                } else if parts[2] == "0" {
                    name = resnet(rest).map { "down_blocks.\(level).resnets.\(layer).\($0)" }
                } else if parts[2] == "1" {
                    name = "down_blocks.\(level).attentions.\(layer).\(rest)"
                }
            case "middle_block" where parts.count >= 3:
                let rest = parts[2...].joined(separator: ".")
                switch parts[1] {
                case "0": name = resnet(rest).map { "mid_block.resnets.0.\($0)" }
                case "1": name = "mid_block.attentions.0.\(rest)"
                case "2": name = resnet(rest).map { "mid_block.resnets.1.\($0)" }
                default: break
                }
            case "output_blocks" where parts.count >= 4:
                guard let k = Int(parts[1]) else { break }
                let level = k / stride, layer = k % stride
                let rest = parts[3...].joined(separator: ".")
                if parts[2] == "0" {
                    name = resnet(rest).map { "up_blocks.\(level).resnets.\(layer).\($0)" }
                } else if parts[3] == "conv" {
                    // The upsampler follows the resnet (slot 1) in plain blocks, the attention (slot 2) otherwise.
                    name = "up_blocks.\(level).upsamplers.0.conv.\(parts[4...].joined(separator: "."))"
                } else if parts[2] == "1" {
                    name = "up_blocks.\(level).attentions.\(layer).\(rest)"
                }
            default:
                break
            }
            if let name { map[name] = TensorRef(key: key) }
        }
        return map
    }

    /// A UNet resnet's LDM sub-names (`in_layers.0` …) as diffusers spells them.
    static func resnet(_ rest: String) -> String? {
        let table = ["in_layers.0": "norm1", "in_layers.2": "conv1", "emb_layers.1": "time_emb_proj",
                     "out_layers.0": "norm2", "out_layers.3": "conv2", "skip_connection": "conv_shortcut"]
        for (ldm, ours) in table where rest.hasPrefix(ldm + ".") {
            return ours + rest.dropFirst(ldm.count)
        }
        return nil
    }

    /// The KL autoencoder (`first_stage_model.*`, or a bare VAE file): the decoder's `up` levels are numbered
    /// from the lowest resolution in diffusers and from the highest in LDM, so they are reversed.
    static func vae(_ keys: [String], levels: Int) -> [String: TensorRef] {
        var map: [String: TensorRef] = [:]
        for key in keys {
            let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 3 else {
                if parts.count == 2, parts[0] == "quant_conv" || parts[0] == "post_quant_conv" { map[key] = TensorRef(key: key) }
                continue
            }
            let side = parts[0]
            guard side == "encoder" || side == "decoder" else { continue }
            var name: String?
            switch parts[1] {
            case "conv_in", "conv_out":
                name = key
            case "norm_out":
                name = "\(side).conv_norm_out.\(parts[2...].joined(separator: "."))"
            case "down", "up":
                guard parts.count >= 5, let i = Int(parts[2]) else { break }
                let level = parts[1] == "up" ? levels - 1 - i : i
                let block = parts[1] == "up" ? "up_blocks" : "down_blocks"
                if parts[3] == "block", parts.count >= 6 {
                    name = "\(side).\(block).\(level).resnets.\(parts[4]).\(vaeResnet(parts[5...].joined(separator: ".")))"
                } else if parts[3] == "downsample" || parts[3] == "upsample" {
                    let sampler = parts[3] == "upsample" ? "upsamplers" : "downsamplers"
                    name = "\(side).\(block).\(level).\(sampler).0.\(parts[4...].joined(separator: "."))"
                }
            case "mid":
                guard parts.count >= 4 else { break }
                let rest = parts[3...].joined(separator: ".")
                switch parts[2] {
                case "block_1": name = "\(side).mid_block.resnets.0.\(vaeResnet(rest))"
                case "block_2": name = "\(side).mid_block.resnets.1.\(vaeResnet(rest))"
                case "attn_1":
                    let table = ["norm": "group_norm", "q": "to_q", "k": "to_k", "v": "to_v", "proj_out": "to_out.0"]
                    name = table[parts[3]].map { "\(side).mid_block.attentions.0.\($0).\(parts[4...].joined(separator: "."))" }
                default: break
                }
            default:
                break
            }
            if let name { map[name] = TensorRef(key: key) }
        }
        return map
    }

    static func vaeResnet(_ rest: String) -> String {
        rest.hasPrefix("nin_shortcut.") ? "conv_shortcut" + rest.dropFirst("nin_shortcut".count) : rest
    }

    /// OpenAI CLIP ViT-L (`cond_stage_model.transformer.*`): transformers' own names, with or without `text_model.`.
    static func clip(_ keys: [String]) -> [String: TensorRef] {
        var map: [String: TensorRef] = [:]
        for key in keys where !key.hasSuffix("position_ids") {
            map[key.hasPrefix("text_model.") ? String(key.dropFirst("text_model.".count)) : key] = TensorRef(key: key)
        }
        return map
    }

    /// OpenCLIP ViT-H (`cond_stage_model.model.*`): q, k and v fused in `in_proj`, MLP as `c_fc`/`c_proj`.
    static func openCLIP(_ keys: [String]) -> [String: TensorRef] {
        var map: [String: TensorRef] = [:]
        for key in keys {
            switch key {
            case "token_embedding.weight": map["embeddings.token_embedding.weight"] = TensorRef(key: key)
            case "positional_embedding": map["embeddings.position_embedding.weight"] = TensorRef(key: key)
            case "ln_final.weight", "ln_final.bias": map["final_layer_norm." + key.split(separator: ".")[1]] = TensorRef(key: key)
            default:
                let parts = key.split(separator: ".").map(String.init)
                guard parts.count >= 5, parts[0] == "transformer", parts[1] == "resblocks", let i = Int(parts[2]) else { continue }
                let layer = "encoder.layers.\(i)"
                let rest = parts[3...].joined(separator: ".")
                switch rest {
                case "attn.in_proj_weight", "attn.in_proj_bias":
                    let leaf = rest.hasSuffix("weight") ? "weight" : "bias"
                    for (p, proj) in ["q_proj", "k_proj", "v_proj"].enumerated() {
                        map["\(layer).self_attn.\(proj).\(leaf)"] = TensorRef(key: key, part: p, parts: 3)
                    }
                default:
                    let table = ["ln_1": "layer_norm1", "ln_2": "layer_norm2", "attn.out_proj": "self_attn.out_proj",
                                 "mlp.c_fc": "mlp.fc1", "mlp.c_proj": "mlp.fc2"]
                    for (ldm, ours) in table where rest.hasPrefix(ldm + ".") {
                        map["\(layer).\(ours)\(rest.dropFirst(ldm.count))"] = TensorRef(key: key)
                    }
                }
            }
        }
        return map
    }
}
