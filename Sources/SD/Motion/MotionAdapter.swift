import Foundation
import Storage

/// An AnimateDiff motion module set, loaded for a given SD 1.x UNet: the temporal transformers that go after each
/// down, mid and up block layer (diffusers' `MotionAdapter`, inserted as `UNetMotionModel` does).
///
/// Read from a diffusers folder (`config.json` + `diffusion_pytorch_model.safetensors`) or one `.safetensors` file
/// in either naming: the original AnimateDiff layout (`mm_sd_v15_v2`, v3, Lightning's ComfyUI files:
/// `….motion_modules.N.temporal_transformer.…attention_blocks.0…`) or diffusers' (Lightning's `_diffusers` files).
/// f16 weights stay f16 in memory.
public final class MotionAdapter: @unchecked Sendable {
    public let path: String
    public let config: MotionAdapterConfig
    /// A digest of the weight files (header, size, sampled data) and the config: changes when the module does.
    public let fingerprint: String
    let down: [[TemporalTransformer]]
    let mid: TemporalTransformer?
    let up: [[TemporalTransformer]]

    /// Loads the module at `path` for a UNet of shape `unet`; one error naming the file when it does not fit.
    public init(path: String, unet: UNetConfig) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw SDError("motion module \(path) does not exist; expected a diffusers MotionAdapter folder (config.json, diffusion_pytorch_model.safetensors) or an AnimateDiff motion module .safetensors file")
        }
        if !isFolder.boolValue, path.lowercased().hasSuffix(".ckpt") || path.lowercased().hasSuffix(".pt") || path.lowercased().hasSuffix(".pth") {
            throw SDError("motion module \(path) is a pickle checkpoint, which is not read (it can run code); convert it to .safetensors first")
        }
        let file: SafeTensorsFile
        let source: any WeightSource
        var config: MotionAdapterConfig
        if isFolder.boolValue {
            let weights = ["diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.fp16.safetensors"]
                .map { path + "/" + $0 }.first(where: FileReader.exists)
            guard let weights else {
                throw SDError("motion module folder \(path) has no diffusion_pytorch_model.safetensors; expected a diffusers MotionAdapter folder")
            }
            file = try SafeTensorsFile(path: weights)
            config = try MotionAdapterConfig(ConfigFile(path: path + "/config.json"))
            source = file
        } else {
            file = try SafeTensorsFile(path: path)
            let original = file.entries.keys.contains { $0.contains(".temporal_transformer.") }
            source = original ? OriginalMotionNames(file) : file
            config = try Self.inferred(file, original: original)
        }
        guard config.blockOutChannels == unet.blockOutChannels else {
            throw SDError("motion module \(path) is for a UNet with channels \(config.blockOutChannels); the model's UNet has \(unet.blockOutChannels) (expected an AnimateDiff module for SD 1.x, e.g. mm_sd_v15_v2, v3_sd15_mm or AnimateDiff-Lightning)")
        }
        for channels in config.blockOutChannels where channels % unet.groups != 0 {
            throw SDError("motion module \(path): \(channels) channels do not split into the UNet's \(unet.groups) groups")
        }
        guard unet.layersPerBlock == config.layersPerBlock else {
            throw SDError("motion module \(path) has \(config.layersPerBlock) layers per block; the model's UNet has \(unet.layersPerBlock)")
        }
        do {
            (down, mid, up) = try Self.modules(source, config, groups: unet.groups)
        } catch let error as SDError {
            throw SDError("motion module: \(error.message)")
        }
        self.path = path
        self.config = config
        fingerprint = try WeightFingerprint.of([file.path]) + "|heads=\(config.heads),groups=\(config.groups),frames=\(config.maxFrames),mid=\(config.midBlock)"
    }

    /// Built from any weight source (random weights of real shape, for benchmarks).
    public init(_ source: any WeightSource, config: MotionAdapterConfig) throws {
        (down, mid, up) = try Self.modules(source, config, groups: config.groups)
        path = "<weights>"
        self.config = config
        fingerprint = "unidentified"
    }

    /// The temporal transformers of every block, under diffusers' names. `groups` is the UNet's: diffusers'
    /// `UNetMotionModel` builds the inserted modules with the UNet's norm_num_groups, not the adapter's own
    /// (the two agree, 32, for SD 1.5).
    static func modules(_ source: any WeightSource, _ c: MotionAdapterConfig, groups: Int) throws
        -> ([[TemporalTransformer]], TemporalTransformer?, [[TemporalTransformer]]) {
        let w = WeightScope(source)
        func module(_ scope: WeightScope, _ channels: Int) throws -> TemporalTransformer {
            try TemporalTransformer(scope, channels: channels, heads: c.heads, groups: groups, maxFrames: c.maxFrames)
        }
        let down = try c.blockOutChannels.enumerated().map { i, channels in
            try (0..<c.layersPerBlock).map { try module(w["down_blocks"][i]["motion_modules"][$0], channels) }
        }
        let mid = c.midBlock ? try module(w["mid_block.motion_modules.0"], c.blockOutChannels.last!) : nil
        let up = try c.blockOutChannels.reversed().enumerated().map { i, channels in
            try (0...c.layersPerBlock).map { try module(w["up_blocks"][i]["motion_modules"][$0], channels) }
        }
        return (down, mid, up)
    }

    /// A single file carries no config: the block widths come from its norms, the window length from its stored
    /// position encodings; heads and groups are those every published SD 1.x module uses (8 and 32).
    static func inferred(_ file: SafeTensorsFile, original: Bool) throws -> MotionAdapterConfig {
        let inner = original ? ".temporal_transformer" : ""
        var channels: [Int] = []
        while let entry = file.entries["down_blocks.\(channels.count).motion_modules.0\(inner).norm.weight"], entry.shape.count == 1 {
            channels.append(entry.shape[0])
        }
        guard !channels.isEmpty else {
            throw SDError("\(file.path) holds no AnimateDiff motion modules (no down_blocks.0.motion_modules.0\(inner).norm.weight); expected an AnimateDiff motion module file")
        }
        var layers = 0
        while file.entries["down_blocks.0.motion_modules.\(layers)\(inner).norm.weight"] != nil { layers += 1 }
        let mid = file.entries["mid_block.motion_modules.0\(inner).norm.weight"] != nil
        let positions = file.entries.first { $0.key.hasSuffix(".pe") }?.value.shape
        let frames = positions.map { $0.count == 3 ? $0[1] : 32 } ?? 32
        let config = MotionAdapterConfig(blockOutChannels: channels, layersPerBlock: layers, midBlock: mid, maxFrames: frames)
        for c in channels where c % config.groups != 0 || c % config.heads != 0 {
            throw SDError("\(file.path): a \(c)-channel motion module does not split into 32 groups and 8 heads; expected an SD 1.x AnimateDiff module")
        }
        return config
    }
}

/// Reads an original-layout AnimateDiff file under diffusers' names: the mapping diffusers' converter applies
/// (`temporal_transformer.` dropped, `attention_blocks.0/1` → `attn1/2`, `norms.0/1` → `norm1/2`, `ff_norm` →
/// `norm3`), run backwards.
struct OriginalMotionNames: WeightSource {
    let file: SafeTensorsFile

    init(_ file: SafeTensorsFile) { self.file = file }

    static func original(_ name: String) -> String {
        guard let range = name.range(of: ".motion_modules.") else { return name }
        let head = name[..<range.upperBound]
        let rest = name[range.upperBound...]
        guard let dot = rest.firstIndex(of: ".") else { return name }
        let index = rest[..<dot]
        var tail = String(rest[rest.index(after: dot)...])
        for (new, old) in [("attn1.", "attention_blocks.0."), ("attn2.", "attention_blocks.1."), ("norm1.", "norms.0."),
                           ("norm2.", "norms.1."), ("norm3.", "ff_norm.")] {
            tail = tail.replacingOccurrences(of: new, with: old)
        }
        return "\(head)\(index).temporal_transformer.\(tail)"
    }

    func floats(_ name: String, shape: [Int]) throws -> [Float] { try file.floats(Self.original(name), shape: shape) }
    func values(_ name: String, shape: [Int]) throws -> WeightValues { try file.values(Self.original(name), shape: shape) }
    func contains(_ name: String) -> Bool { file.contains(Self.original(name)) }
}
