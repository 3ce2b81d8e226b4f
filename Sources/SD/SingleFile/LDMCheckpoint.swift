import Foundation

/// A single-file Stable Diffusion checkpoint in the original CompVis/LDM key layout (as A1111 and ComfyUI load
/// them), read into the weight sources and configs our modules build from.
///
/// The architecture comes from the keys and shapes alone: SD 2.x is told by its OpenCLIP text encoder
/// (`cond_stage_model.model.*`, 1024-wide context), channels and layer counts by the tensors themselves, head
/// counts by the published rule of each family (SD 1.x: 8 heads; SD 2.x: 64-channel heads).
struct LDMCheckpoint {
    let file: SafeTensorsFile
    let family: ModelFamily
    let unet: (weights: MappedWeights, config: UNetConfig)
    let text: (weights: MappedWeights, config: CLIPTextConfig)
    /// Nil when the file ships without an autoencoder ("no-VAE" checkpoints need `vae = PATH`).
    let vae: (weights: MappedWeights, config: VAEConfig)?
    /// What the keys and weights say the UNet predicts (before any `prediction` setting).
    let prediction: PredictionType

    static let unetPrefix = "model.diffusion_model."
    static let vaePrefix = "first_stage_model."
    static let clipPrefix = "cond_stage_model.transformer."
    static let openCLIPPrefix = "cond_stage_model.model."

    /// Reads the layout of `file`; `overrides` replace the inferred configs (a diffusers config folder, as
    /// diffusers' `from_single_file(config=…)` takes, for models that do not follow the published head rule).
    init(_ file: SafeTensorsFile, overrides: ConfigOverrides = ConfigOverrides()) throws {
        self.file = file
        let keys = Self.strippingNesting(Array(file.entries.keys))
        func under(_ prefix: String) -> [String: String] {
            var out: [String: String] = [:]
            for (bare, key) in keys where bare.hasPrefix(prefix) { out[String(bare.dropFirst(prefix.count))] = key }
            return out
        }
        let unetKeys = under(Self.unetPrefix)
        guard !unetKeys.isEmpty else { throw Self.unknownLayout(file, keys.keys) }
        if unetKeys["label_emb.0.0.weight"] != nil || keys.keys.contains(where: { $0.hasPrefix("conditioner.embedders.") }) {
            throw SDError("\(file.path): an SDXL-class checkpoint (conditioner.embedders / label_emb keys); Storyreel renders SD 1.x and 2.x")
        }
        let clipKeys = under(Self.clipPrefix), openCLIPKeys = under(Self.openCLIPPrefix)
        if !openCLIPKeys.isEmpty {
            family = .sd2
        } else if !clipKeys.isEmpty {
            family = .sd1
        } else {
            throw SDError("\(file.path): has a UNet (model.diffusion_model.*) but no text encoder; expected cond_stage_model.transformer.* (CLIP, SD 1.x) or cond_stage_model.model.* (OpenCLIP, SD 2.x)")
        }
        let view = KeyedShapes(file: file, keys: unetKeys)
        let unetConfig = try overrides.unet ?? Self.inferUNet(view, family: family)
        unet = (MappedWeights(file: file, map: Self.rekey(LDMKeyMap.unet(Array(unetKeys.keys), layersPerBlock: unetConfig.layersPerBlock), unetKeys),
                              label: "the UNet"), unetConfig)

        let textKeys = family == .sd2 ? openCLIPKeys : clipKeys
        let textMap = Self.rekey(family == .sd2 ? LDMKeyMap.openCLIP(Array(textKeys.keys)) : LDMKeyMap.clip(Array(textKeys.keys)), textKeys)
        let textWeights = MappedWeights(file: file, map: textMap, label: "the text encoder")
        text = (textWeights, try overrides.text ?? Self.inferText(textWeights, family: family))

        let vaeKeys = under(Self.vaePrefix)
        if vaeKeys.isEmpty {
            vae = nil
        } else {
            vae = try Self.vae(file: file, keys: vaeKeys, override: overrides.vae)
        }
        prediction = Self.detectPrediction(file: file, unet: unetKeys, family: family)
        guard unetConfig.crossAttentionDim == text.config.hiddenSize else {
            throw SDError("\(file.path): the UNet cross-attends to \(unetConfig.crossAttentionDim)-wide text states but the text encoder is \(text.config.hiddenSize) wide")
        }
    }

    /// A VAE in the LDM layout, from the keys under its prefix (`first_stage_model.` or none, for a VAE file).
    static func vae(file: SafeTensorsFile, keys: [String: String], override: VAEConfig?) throws -> (weights: MappedWeights, config: VAEConfig) {
        let levels = Set(keys.keys.compactMap { key -> Int? in
            let p = key.split(separator: ".")
            return p.count > 3 && p[0] == "encoder" && p[1] == "down" ? Int(p[2]) : nil
        }).count
        guard levels > 0 else {
            throw SDError("\(file.path): the autoencoder has no encoder.down.* blocks; expected an LDM-layout KL VAE")
        }
        let view = KeyedShapes(file: file, keys: keys)
        let config = try override ?? {
            let channels = try (0..<levels).map { try view.dims("encoder.down.\($0).block.0.conv1.weight", 1)[0] }
            let layers = Set(keys.keys.compactMap { key -> Int? in
                let p = key.split(separator: ".")
                return p.count > 5 && p[1] == "down" && p[2] == "0" && p[3] == "block" ? Int(p[4]) : nil
            }).count
            var config = VAEConfig(blockOutChannels: channels, layersPerBlock: layers)
            config.latentChannels = try view.dims("decoder.conv_in.weight", 2)[1]
            config.imageChannels = try view.dims("decoder.conv_out.weight", 1)[0]
            config.usesQuantConv = keys["post_quant_conv.weight"] != nil
            return config
        }()
        return (MappedWeights(file: file, map: rekey(LDMKeyMap.vae(Array(keys.keys), levels: levels), keys), label: "the VAE"), config)
    }

    /// Bare key (after any `state_dict.` nesting) → the file's key. EMA copies (`model_ema.*`) are dropped:
    /// like A1111 and diffusers by default, the regular weights are used.
    static func strippingNesting(_ keys: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for key in keys where !key.hasPrefix("model_ema.") && key != "__metadata__" {
            var bare = Substring(key)
            while bare.hasPrefix("state_dict.") { bare = bare.dropFirst("state_dict.".count) }
            out[String(bare)] = key
        }
        return out
    }

    /// A key map over bare component keys, pointed at the file's own keys.
    static func rekey(_ map: [String: TensorRef], _ keys: [String: String]) -> [String: TensorRef] {
        map.mapValues { TensorRef(key: keys[$0.key]!, part: $0.part, parts: $0.parts) }
    }

    static func unknownLayout(_ file: SafeTensorsFile, _ keys: Dictionary<String, String>.Keys) -> SDError {
        var prefixes: [String: Int] = [:]
        for key in keys { prefixes[key.split(separator: ".").prefix(2).joined(separator: "."), default: 0] += 1 }
        let found = prefixes.sorted { $0.value > $1.value }.prefix(5).map { "\($0.key).* (\($0.value))" }.joined(separator: ", ")
        let hint: String
        if keys.contains(where: { $0.hasPrefix("lora_") || $0.contains(".lora_") || $0.contains("lora_A") }) {
            hint = " — this looks like a LoRA; name it under loras = [...]"
        } else if keys.contains(where: { $0.hasPrefix("down_blocks.") || $0.hasPrefix("decoder.up_blocks.") }) {
            hint = " — this looks like one component of a diffusers folder; point sd: at the folder"
        } else {
            hint = ""
        }
        return SDError("\(file.path): not a Stable Diffusion checkpoint in the LDM layout; expected model.diffusion_model.*, cond_stage_model.* and first_stage_model.* tensors, found \(keys.count) tensors: \(found.isEmpty ? "none" : found)\(hint)")
    }

    static func inferUNet(_ view: KeyedShapes, family: ModelFamily) throws -> UNetConfig {
        let downsamplers = view.names.filter { $0.hasPrefix("input_blocks.") && $0.hasSuffix(".0.op.weight") }.count
        let levels = downsamplers + 1
        let inputBlocks = Set(view.names.compactMap { key -> Int? in
            let p = key.split(separator: ".")
            return p.count > 1 && p[0] == "input_blocks" ? Int(p[1]) : nil
        }).count
        guard inputBlocks % levels == 0, inputBlocks / levels >= 2 else {
            throw SDError("\(view.path): \(inputBlocks) UNet input blocks do not split into \(levels) levels; expected an SD 1.x/2.x UNet")
        }
        let layers = inputBlocks / levels - 1
        var channels: [Int] = [], down: [UNetConfig.BlockKind] = [], up: [UNetConfig.BlockKind] = []
        for level in 0..<levels {
            channels.append(try view.dims("input_blocks.\(1 + level * (layers + 1)).0.out_layers.3.weight", 1)[0])
            down.append(view.has("input_blocks.\(1 + level * (layers + 1)).1.proj_in.weight") ? .crossAttention : .plain)
            up.append(view.has("output_blocks.\(level * (layers + 1)).1.proj_in.weight") ? .crossAttention : .plain)
        }
        let proj = try view.shape("middle_block.1.proj_in.weight")
        let context = try view.dims("middle_block.1.transformer_blocks.0.attn2.to_k.weight", 2)[1]
        // LDM's v1 configs fix the head count (num_heads: 8); v2 configs fix the head width (num_head_channels: 64).
        let heads = family == .sd1 ? channels.map { _ in 8 } : channels.map { max(1, $0 / 64) }
        var config = UNetConfig(blockOutChannels: channels, downBlocks: down, upBlocks: up, layersPerBlock: layers,
                                heads: heads, crossAttentionDim: context, useLinearProjection: proj.count == 2)
        let convIn = try view.dims("input_blocks.0.0.weight", 2)
        config.inChannels = convIn[1]
        config.outChannels = try view.dims("out.2.weight", 1)[0]
        guard config.inChannels == 4 else {
            throw SDError("\(view.path): the UNet takes \(config.inChannels) input channels (an inpainting or depth model); Storyreel renders text-to-image checkpoints with 4")
        }
        return config
    }

    static func inferText(_ weights: MappedWeights, family: ModelFamily) throws -> CLIPTextConfig {
        let file = weights.file
        func shape(_ name: String, _ count: Int) throws -> [Int] {
            guard let ref = weights.map[name] else { throw SDError("\(file.path): the text encoder has no \(name.quotedForMessage)") }
            return try KeyedShapes.checked(file.entries[ref.key]!.shape, count, name: ref.key, path: file.path)
        }
        let token = try shape("embeddings.token_embedding.weight", 2)
        let positions = try shape("embeddings.position_embedding.weight", 1)
        let fc1 = try shape("encoder.layers.0.mlp.fc1.weight", 1)
        let layerCount = Set(weights.map.keys.compactMap { name -> Int? in
            let p = name.split(separator: ".")
            return p.count > 2 && p[0] == "encoder" && p[1] == "layers" ? Int(p[2]) : nil
        }).count
        // SD 2.x conditions on OpenCLIP's penultimate layer: the last resblock is stored but never run.
        let layers = family == .sd2 ? layerCount - 1 : layerCount
        guard layers >= 1 else { throw SDError("\(file.path): the text encoder has \(layerCount) layers") }
        return CLIPTextConfig(vocabSize: token[0], hiddenSize: token[1], intermediateSize: fc1[0], layers: layers,
                              heads: max(1, token[1] / 64), maxPositions: positions[0],
                              activation: family == .sd2 ? .gelu : .quickGELU)
    }

    /// SD 1.x: epsilon. SD 2.x: `modelspec.prediction_type` when the file says, else ComfyUI's test — the 768-v
    /// models' last attention block has norm1 biases with a standard deviation above 0.09, the 512 base's below.
    static func detectPrediction(file: SafeTensorsFile, unet keys: [String: String], family: ModelFamily) -> PredictionType {
        if let said = file.metadata["modelspec.prediction_type"]?.lowercased() {
            if said.hasPrefix("v") { return .v }
            if said.hasPrefix("eps") { return .epsilon }
        }
        guard family == .sd2 else { return .epsilon }
        // The block number is the second part of the name; a name whose second part is no number is not a block.
        let candidates = keys.keys.compactMap { key -> (block: Int, key: String)? in
            guard key.hasPrefix("output_blocks.") && key.hasSuffix(".1.transformer_blocks.0.norm1.bias") else { return nil }
            let parts = key.split(separator: ".", omittingEmptySubsequences: false)
            return Int(parts[1]).map { ($0, key) }
        }
        let last = candidates.max { ($0.block, $0.key) < ($1.block, $1.key) }?.key
        guard let last, let values = try? file.floats(keys[last]!), !values.isEmpty else { return .v }
        let mean = values.reduce(0, +) / Float(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(values.count)
        return variance.squareRoot() > 0.09 ? .v : .epsilon
    }
}
