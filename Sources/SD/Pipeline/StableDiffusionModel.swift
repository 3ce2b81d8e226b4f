import Diffusion
import Digest
import Foundation
import Storage

/// A Stable Diffusion 1.x/2.x checkpoint, loaded for CPU inference: a diffusers folder or one `.safetensors`
/// file in the original LDM layout, with an optional VAE override and LoRAs merged into the weights.
///
/// Nothing is downloaded: every file must already be on disk, and a missing or malformed one is a single
/// error naming it and what was expected.
public final class StableDiffusionModel: @unchecked Sendable {
    /// The folder or file the checkpoint was loaded from.
    public let folder: String
    public let family: ModelFamily
    public let tokenizer: CLIPTokenizer
    public let textEncoder: CLIPTextEncoder
    public let unet: UNet
    public let decoder: VAEDecoder
    /// The VAE's weights, kept so the encoder is built only when something needs it.
    let vaeWeights: any WeightSource
    /// TAESD, when the folder has `vae_tiny/` or `taesd/`: fast step previews.
    public let previewDecoder: TinyDecoder?
    public let scheduler: SchedulerConfig
    /// A digest of every weight file's header and size plus sampled contents, the VAE override and the
    /// prediction setting: changes when the base weights do. LoRAs are in `loraKeys`.
    public let fingerprint: String
    /// "SHA-256@strength" of each merged LoRA, in order, for render keys.
    public let loraKeys: [String]

    private let embeddingLock = NSLock()
    private var embeddings: [[Int]: Tensor] = [:]

    /// A diffusers folder, as before single files and options existed.
    public convenience init(folder: String) throws {
        try self.init(path: folder)
    }

    /// Loads the checkpoint at `path`: a diffusers folder, or a `.safetensors` file in the LDM layout. Pickle
    /// checkpoints (`.ckpt`) are refused unread.
    public init(path: String, options: ModelOptions = ModelOptions()) throws {
        System.keepLargeAllocations()
        folder = path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw SDError("\(path) does not exist; expected a Stable Diffusion checkpoint: a diffusers folder (model_index.json, unet/, text_encoder/, tokenizer/, vae/) or one .safetensors file")
        }
        var parts = isFolder.boolValue ? try DiffusersFolder.parts(path) : try SingleFileCheckpoint.parts(path, options: options)
        var fingerprintFields: [String] = []
        if let vae = options.vae {
            let override = try VAEOverride.load(vae)
            parts.vae = (override.weights, override.config)
            parts.files.append(override.file)
        }
        guard let vae = parts.vae else {
            throw SDError("\(path): the checkpoint has no VAE (first_stage_model.*); set vae = \"PATH\" to a VAE file or folder")
        }
        if let prediction = options.prediction {
            parts.scheduler.prediction = prediction
            fingerprintFields.append("prediction=\(prediction.rawValue)")
        }
        family = parts.family
        let loraFiles = try options.loras.map { lora in
            do { return (file: try LoRAFile(path: lora.path), strength: Float(lora.strength)) }
            catch let error as SDError { throw SDError("lora \(error.message)") }
        }
        let unetWeights = LoRAMergedWeights(parts.unet.weights, component: .unet, loras: loraFiles)
        let textWeights = LoRAMergedWeights(parts.text.weights, component: .textEncoder, loras: loraFiles)
        tokenizer = parts.tokenizer
        // Without LoRAs the layers read the checkpoint's own source, whatever fast paths it has.
        textEncoder = try CLIPTextEncoder(WeightScope(loraFiles.isEmpty ? parts.text.weights : textWeights), config: parts.text.config)
        unet = try UNet(WeightScope(loraFiles.isEmpty ? parts.unet.weights : unetWeights), config: parts.unet.config)
        try vae.config.checkGroups(options.vae ?? path)
        decoder = try VAEDecoder(WeightScope(vae.weights), config: vae.config)
        vaeWeights = vae.weights
        previewDecoder = parts.preview
        scheduler = parts.scheduler
        for (index, used) in zip(unetWeights.usedCounts(), textWeights.usedCounts()).enumerated() where used.0 + used.1 == 0 {
            let file = loraFiles[index].file
            let sample = file.modules.values.map(\.flatPath).sorted().prefix(2).joined(separator: ", ")
            throw SDError("lora \(file.file.path): none of its \(file.modules.count) modules (\(sample)…) matches a layer of \(path); expected a LoRA for this \(family == .sd2 ? "SD 2.x" : "SD 1.x") model")
        }
        loraKeys = zip(loraFiles, options.loras).map { "\($0.file.digest)@\($1.strength)" }
        fingerprintFields.insert(try WeightFingerprint.of(parts.files), at: 0)
        fingerprint = fingerprintFields.count == 1 ? fingerprintFields[0] : SHA256.hex(SHA256.hash(Array(fingerprintFields.joined(separator: "\n").utf8)))
        guard unet.config.crossAttentionDim == textEncoder.config.hiddenSize else {
            throw SDError("\(path): the UNet cross-attends to \(unet.config.crossAttentionDim)-wide text states but the text encoder gives \(textEncoder.config.hiddenSize)")
        }
    }

    /// The VAE encoder (images to latents), built on first request: rendering never needs it, and its 34 M
    /// parameters would otherwise be converted at every load.
    public func makeEncoder() throws -> VAEEncoder {
        try VAEEncoder(WeightScope(vaeWeights), config: decoder.config)
    }

    /// Pixels per latent cell (8 for every SD 1.x/2.x VAE).
    public var downscale: Int { decoder.config.downscale }
    public var latentChannels: Int { decoder.config.latentChannels }

    /// The text encoder's hidden states for a prompt's token ids, computed once per distinct prompt.
    public func embedding(for ids: [Int]) throws -> Tensor {
        embeddingLock.lock()
        if let cached = embeddings[ids] { embeddingLock.unlock(); return cached }
        embeddingLock.unlock()
        let encoded = try textEncoder.encode([ids])
        embeddingLock.lock()
        if embeddings.count > 64 { embeddings.removeAll() }
        embeddings[ids] = encoded
        embeddingLock.unlock()
        return encoded
    }
}

/// Reads a checkpoint whose tensor names carry an extra leading prefix (transformers' `text_model.`).
struct StrippedPrefix: WeightSource {
    let base: SafeTensorsFile
    let prefix: String

    init(_ base: SafeTensorsFile, _ prefix: String) {
        self.base = base
        self.prefix = prefix
    }

    func floats(_ name: String, shape: [Int]) throws -> [Float] {
        try base.floats(base.contains(prefix + name) ? prefix + name : name, shape: shape)
    }

    func values(_ name: String, shape: [Int]) throws -> WeightValues {
        try base.values(base.contains(prefix + name) ? prefix + name : name, shape: shape)
    }

    func contains(_ name: String) -> Bool { base.contains(prefix + name) || base.contains(name) }
}

extension SafeTensorsFile: WeightSource {}
