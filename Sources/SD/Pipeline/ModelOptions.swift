/// What a project can change about how a checkpoint loads: its VAE, its prediction type and merged LoRAs.
public struct ModelOptions: Sendable, Hashable {
    /// A VAE to use instead of the checkpoint's: an LDM or diffusers `.safetensors` file, or a diffusers folder.
    public var vae: String?
    /// Overrides what the checkpoint's config or keys say the UNet predicts.
    public var prediction: PredictionType?
    /// Merged into the weights at load, in order.
    public var loras: [LoRA]
    /// A diffusers folder whose configs (and tokenizer) describe a single-file checkpoint, as diffusers'
    /// `from_single_file(config=…)` takes; for models that do not follow their family's published head rule.
    public var configFolder: String?

    public init(vae: String? = nil, prediction: PredictionType? = nil, loras: [LoRA] = [], configFolder: String? = nil) {
        self.vae = vae
        self.prediction = prediction
        self.loras = loras
        self.configFolder = configFolder
    }
}
