import Diffusion
import Foundation
import Storage

/// A Stable Diffusion 1.x/2.x checkpoint in the diffusers folder layout, loaded for CPU inference.
///
/// Nothing is downloaded: every file must already be in the folder, and a missing or malformed one is a single
/// error naming it and what was expected.
public final class StableDiffusionModel: @unchecked Sendable {
    public let folder: String
    public let tokenizer: CLIPTokenizer
    public let textEncoder: CLIPTextEncoder
    public let unet: UNet
    public let decoder: VAEDecoder
    /// The VAE's weights, kept mapped so the encoder is built only when something needs it.
    let vaeWeights: SafeTensorsFile
    /// TAESD, when the folder has `vae_tiny/` or `taesd/`: fast step previews.
    public let previewDecoder: TinyDecoder?
    public let scheduler: SchedulerConfig
    /// A digest of every weight file's header and size plus sampled contents: changes when the weights do.
    public let fingerprint: String

    private let embeddingLock = NSLock()
    private var embeddings: [[Int]: Tensor] = [:]

    public init(folder: String) throws {
        System.keepLargeAllocations()
        self.folder = folder
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw SDError("\(folder) is not a folder; expected a Stable Diffusion checkpoint in the diffusers layout (model_index.json, unet/, text_encoder/, tokenizer/, vae/)")
        }
        _ = try ConfigFile(path: folder + "/model_index.json")
        func weights(_ part: String, _ names: [String]) throws -> SafeTensorsFile {
            for name in names where FileReader.exists("\(folder)/\(part)/\(name)") {
                return try SafeTensorsFile(path: "\(folder)/\(part)/\(name)")
            }
            throw SDError("\(folder)/\(part)/ has no \(names.joined(separator: " or ")); expected .safetensors weights (convert .bin/.ckpt files first)")
        }
        tokenizer = try CLIPTokenizer(folder: folder + "/tokenizer")
        let textFile = try weights("text_encoder", ["model.safetensors", "model.fp16.safetensors"])
        textEncoder = try CLIPTextEncoder(WeightScope(StrippedPrefix(textFile, "text_model.")),
                                          config: CLIPTextConfig(ConfigFile(path: folder + "/text_encoder/config.json")))
        let unetFile = try weights("unet", ["diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.fp16.safetensors"])
        unet = try UNet(WeightScope(unetFile), config: UNetConfig(ConfigFile(path: folder + "/unet/config.json")))
        let vaeFile = try weights("vae", ["diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.fp16.safetensors"])
        let vaeConfig = try VAEConfig(ConfigFile(path: folder + "/vae/config.json"))
        decoder = try VAEDecoder(WeightScope(vaeFile), config: vaeConfig)
        vaeWeights = vaeFile
        var tiny: TinyDecoder? = nil
        var files = [textFile, unetFile, vaeFile]
        for part in ["vae_tiny", "taesd"] where FileReader.exists("\(folder)/\(part)/config.json") {
            let file = try weights(part, ["diffusion_pytorch_model.safetensors"])
            tiny = try TinyDecoder(WeightScope(file), config: ConfigFile(path: "\(folder)/\(part)/config.json"))
            files.append(file)
            break
        }
        previewDecoder = tiny
        let schedulerPath = folder + "/scheduler/scheduler_config.json"
        scheduler = FileReader.exists(schedulerPath) ? try SchedulerConfig(ConfigFile(path: schedulerPath)) : SchedulerConfig()
        fingerprint = try WeightFingerprint.of(files.map(\.path))
        guard unet.config.crossAttentionDim == textEncoder.config.hiddenSize else {
            throw SDError("\(folder): the UNet cross-attends to \(unet.config.crossAttentionDim)-wide text states but the text encoder gives \(textEncoder.config.hiddenSize)")
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
