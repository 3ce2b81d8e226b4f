import Foundation

/// Writes a random-weight SD 1.x checkpoint in the original CompVis/LDM single-file layout (UNet, CLIP text
/// encoder, KL VAE with encoder and decoder), the file other tools load (stable-diffusion.cpp, A1111, ComfyUI), so
/// that a benchmark can run them on exactly the architecture we time. Matrices are f16 when `half` (as the usual
/// f16 checkpoint), vectors float32.
///
/// The parameter list is what our own modules ask for when built (names and shapes, in order), so the file holds
/// exactly the model we run. The values are `RandomWeights`' in that order; they are generated twice, once while
/// the modules are built and once while the file is written, so that a 2 GB model is never held in memory whole.
public enum LDMCheckpointWriter {
    /// One parameter as a module asked for it.
    struct Request {
        let name: String
        let shape: [Int]
        /// Whether it was asked for as stored values (16-bit for a matrix of half weights) or as floats.
        let asValues: Bool
    }

    /// Records what a module asks for, answering with random values.
    final class Recorder: WeightSource, @unchecked Sendable {
        let base: RandomWeights
        var requests: [Request] = []

        init(_ base: RandomWeights) { self.base = base }

        func floats(_ name: String, shape: [Int]) throws -> [Float] {
            requests.append(Request(name: name, shape: shape, asValues: false))
            return try base.floats(name, shape: shape)
        }

        func values(_ name: String, shape: [Int]) throws -> WeightValues {
            requests.append(Request(name: name, shape: shape, asValues: true))
            return try base.values(name, shape: shape)
        }

        func contains(_ name: String) -> Bool { true }
    }

    /// The parameters of each component, in the order the modules ask for them.
    struct Plan {
        var unet: [Request], text: [Request], vae: [Request]
    }

    /// Builds the modules once to learn their parameters (and drops them).
    static func plan(unet: UNetConfig, text: CLIPTextConfig, vae: VAEConfig, half: Bool) throws -> Plan {
        let weights = RandomWeights(halfMatrices: half)
        func record(_ build: (WeightScope) throws -> Void) throws -> [Request] {
            let recorder = Recorder(weights)
            try build(WeightScope(recorder))
            return recorder.requests
        }
        let u = try record { _ = try UNet($0, config: unet) }
        let t = try record { _ = try CLIPTextEncoder($0, config: text) }
        let v = try record {
            _ = try VAEEncoder($0, config: vae)
            _ = try VAEDecoder($0, config: vae)
        }
        return Plan(unet: u, text: t, vae: v)
    }

    /// What was written.
    public struct Summary: Sendable {
        public let tensors: Int
        public let bytes: Int
        public let parameters: Int
    }

    /// Writes the checkpoint to `path` (replaced if there).
    @discardableResult
    public static func writeRandom(to path: String, unet: UNetConfig = .sd15, text: CLIPTextConfig = .vitL,
                                   vae: VAEConfig = .standard, half: Bool = true) throws -> Summary {
        let plan = try plan(unet: unet, text: text, vae: vae, half: half)
        // Every parameter's file key and shape; the key map is checked against the reader's before anything is written.
        var entries: [(key: String, shape: [Int], half: Bool)] = []
        var seen = Set<String>()
        func add(_ requests: [Request], prefix: String, key: (String) -> String?, shape: (Request) -> [Int]) throws {
            for r in requests where !seen.contains(prefix + r.name) {
                seen.insert(prefix + r.name)
                guard let k = key(r.name) else { throw SDError("no LDM key for \(r.name.quotedForMessage)") }
                entries.append((k, shape(r), half && r.asValues && r.shape.count > 1))
            }
        }
        try add(plan.unet, prefix: "", key: { ldmUNetKey($0, config: unet).map { LDMCheckpoint.unetPrefix + $0 } }, shape: { $0.shape })
        let unetCount = entries.count
        try add(plan.text, prefix: "text:", key: { LDMCheckpoint.clipPrefix + "text_model." + $0 }, shape: { $0.shape })
        try add(plan.vae, prefix: "vae:", key: { ldmVAEKey($0, levels: vae.blockOutChannels.count).map { LDMCheckpoint.vaePrefix + $0 } },
                shape: { r in
                    // LDM stores the VAE attention's projections as 1×1 convolutions.
                    r.name.contains("mid_block.attentions.0.to_") && r.shape.count == 2 ? r.shape + [1, 1] : r.shape
                })
        try checkRoundTrip(plan, entries: entries, unetCount: unetCount, unet: unet, levels: vae.blockOutChannels.count)

        // Header: offsets in the order the values will be generated.
        var header: [String: Any] = ["__metadata__": ["format": "pt", "storyreel": "random weights (bench sd --write-checkpoint)"]]
        var offset = 0
        for e in entries {
            let bytes = e.shape.reduce(1, *) * (e.half ? 2 : 4)
            header[e.key] = ["dtype": e.half ? "F16" : "F32", "shape": e.shape, "data_offsets": [offset, offset + bytes]] as [String: Any]
            offset += bytes
        }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        while json.count % 8 != 0 { json.append(0x20) }

        let temporary = path + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let out = FileHandle(forWritingAtPath: temporary) else {
            throw SDError("\(path): cannot create the checkpoint file")
        }
        var ok = false
        defer {
            try? out.close()
            if !ok { unlink(temporary) }
        }
        var length = UInt64(json.count).littleEndian
        try out.write(contentsOf: Data(bytes: &length, count: 8))
        try out.write(contentsOf: json)
        // The same values again, in the same order, written as they come.
        let weights = RandomWeights(halfMatrices: half)
        var written = Set<String>()
        for (prefix, requests) in [("", plan.unet), ("text:", plan.text), ("vae:", plan.vae)] {
            for r in requests {
                let values = r.asValues ? try weights.values(r.name, shape: r.shape) : .float(try weights.floats(r.name, shape: r.shape))
                guard written.insert(prefix + r.name).inserted else { continue }
                switch values {
                case .float(let floats) where half && r.asValues && r.shape.count > 1:
                    try out.write(contentsOf: floats.map { Float16($0).bitPattern.littleEndian }.withUnsafeBufferPointer { Data(buffer: $0) })
                case .float(let floats):
                    try out.write(contentsOf: floats.map { $0.bitPattern.littleEndian }.withUnsafeBufferPointer { Data(buffer: $0) })
                case .half(let h):
                    try out.write(contentsOf: h.bits.map { $0.littleEndian }.withUnsafeBufferPointer { Data(buffer: $0) })
                }
            }
        }
        try out.synchronize()
        guard rename(temporary, path) == 0 else { throw SDError("\(path): cannot rename the written checkpoint into place") }
        ok = true
        let parameters = entries.reduce(0) { $0 + $1.shape.reduce(1, *) }
        return Summary(tensors: entries.count, bytes: 8 + json.count + offset, parameters: parameters)
    }

    /// The reader's key map must send every written key back to the name it was written for.
    static func checkRoundTrip(_ plan: Plan, entries: [(key: String, shape: [Int], half: Bool)], unetCount: Int,
                               unet: UNetConfig, levels: Int) throws {
        func strip(_ prefix: String, _ keys: ArraySlice<(key: String, shape: [Int], half: Bool)>) -> [String] {
            keys.map { String($0.key.dropFirst(prefix.count)) }
        }
        let textCount = Set(plan.text.map(\.name)).count
        let unetMap = LDMKeyMap.unet(strip(LDMCheckpoint.unetPrefix, entries[..<unetCount]), layersPerBlock: unet.layersPerBlock)
        let textMap = LDMKeyMap.clip(strip(LDMCheckpoint.clipPrefix, entries[unetCount..<(unetCount + textCount)]))
        let vaeMap = LDMKeyMap.vae(strip(LDMCheckpoint.vaePrefix, entries[(unetCount + textCount)...]), levels: levels)
        for (requests, map, what) in [(plan.unet, unetMap, "UNet"), (plan.text, textMap, "text encoder"), (plan.vae, vaeMap, "VAE")] {
            let names = Set(requests.map(\.name))
            guard Set(map.keys) == names else {
                let missing = names.subtracting(map.keys).sorted().prefix(3), extra = Set(map.keys).subtracting(names).sorted().prefix(3)
                throw SDError("the LDM key map does not round-trip the \(what): \(missing) unmapped, \(extra) extra")
            }
        }
    }

    /// Our (diffusers) UNet name → its LDM key under `model.diffusion_model.`; the inverse of `LDMKeyMap.unet`.
    static func ldmUNetKey(_ name: String, config: UNetConfig) -> String? {
        let p = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let stride = config.layersPerBlock + 1
        func rest(_ from: Int) -> String { p[from...].joined(separator: ".") }
        switch p[0] {
        case "time_embedding" where p.count == 3:
            return ["linear_1": "time_embed.0", "linear_2": "time_embed.2"][p[1]].map { "\($0).\(p[2])" }
        case "conv_in": return "input_blocks.0.0.\(rest(1))"
        case "conv_norm_out": return "out.0.\(rest(1))"
        case "conv_out": return "out.2.\(rest(1))"
        case "down_blocks" where p.count >= 5:
            guard let level = Int(p[1]), let j = Int(p[3]) else { return nil }
            switch p[2] {
            case "resnets": return ldmResnet(rest(4)).map { "input_blocks.\(1 + level * stride + j).0.\($0)" }
            case "attentions": return "input_blocks.\(1 + level * stride + j).1.\(rest(4))"
            case "downsamplers" where p[4] == "conv": return "input_blocks.\(1 + level * stride + config.layersPerBlock).0.op.\(rest(5))"
            default: return nil
            }
        case "mid_block" where p.count >= 4:
            switch (p[1], p[2]) {
            case ("resnets", "0"): return ldmResnet(rest(3)).map { "middle_block.0.\($0)" }
            case ("attentions", "0"): return "middle_block.1.\(rest(3))"
            case ("resnets", "1"): return ldmResnet(rest(3)).map { "middle_block.2.\($0)" }
            default: return nil
            }
        case "up_blocks" where p.count >= 5:
            guard let level = Int(p[1]), let j = Int(p[3]) else { return nil }
            switch p[2] {
            case "resnets": return ldmResnet(rest(4)).map { "output_blocks.\(level * stride + j).0.\($0)" }
            case "attentions": return "output_blocks.\(level * stride + j).1.\(rest(4))"
            case "upsamplers" where p[4] == "conv":
                let slot = config.upBlocks[level] == .crossAttention ? 2 : 1
                return "output_blocks.\(level * stride + stride - 1).\(slot).conv.\(rest(5))"
            default: return nil
            }
        default: return nil
        }
    }

    /// A UNet resnet's diffusers sub-name as LDM spells it (`norm1` → `in_layers.0` …).
    static func ldmResnet(_ rest: String) -> String? {
        let table = ["norm1": "in_layers.0", "conv1": "in_layers.2", "time_emb_proj": "emb_layers.1",
                     "norm2": "out_layers.0", "conv2": "out_layers.3", "conv_shortcut": "skip_connection"]
        for (ours, ldm) in table where rest.hasPrefix(ours + ".") {
            return ldm + rest.dropFirst(ours.count)
        }
        return nil
    }

    /// Our VAE name → its LDM key under `first_stage_model.`; the inverse of `LDMKeyMap.vae` (decoder levels reversed).
    static func ldmVAEKey(_ name: String, levels: Int) -> String? {
        let p = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if p.count == 2, p[0] == "quant_conv" || p[0] == "post_quant_conv" { return name }
        guard p.count >= 3, p[0] == "encoder" || p[0] == "decoder" else { return nil }
        let side = p[0]
        func rest(_ from: Int) -> String { p[from...].joined(separator: ".") }
        func resnet(_ r: String) -> String { r.hasPrefix("conv_shortcut.") ? "nin_shortcut" + r.dropFirst("conv_shortcut".count) : r }
        switch p[1] {
        case "conv_in", "conv_out": return name
        case "conv_norm_out": return "\(side).norm_out.\(rest(2))"
        case "down_blocks", "up_blocks":
            guard p.count >= 6, let i = Int(p[2]) else { return nil }
            let (block, level) = p[1] == "up_blocks" ? ("up", levels - 1 - i) : ("down", i)
            switch p[3] {
            case "resnets": return "\(side).\(block).\(level).block.\(p[4]).\(resnet(rest(5)))"
            case "upsamplers", "downsamplers":
                return "\(side).\(block).\(level).\(p[3] == "upsamplers" ? "upsample" : "downsample").\(rest(5))"
            default: return nil
            }
        case "mid_block" where p.count >= 5:
            switch (p[2], p[3]) {
            case ("resnets", "0"): return "\(side).mid.block_1.\(resnet(rest(4)))"
            case ("resnets", "1"): return "\(side).mid.block_2.\(resnet(rest(4)))"
            case ("attentions", "0"):
                let table = ["group_norm": "norm", "to_q": "q", "to_k": "k", "to_v": "v"]
                if p[4] == "to_out", p.count >= 7, p[5] == "0" { return "\(side).mid.attn_1.proj_out.\(rest(6))" }
                return table[p[4]].map { "\(side).mid.attn_1.\($0).\(rest(5))" }
            default: return nil
            }
        default: return nil
        }
    }
}
