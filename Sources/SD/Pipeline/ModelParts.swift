/// The pieces a checkpoint loads into, before any LoRA is merged: weight sources with their configs.
struct ModelParts {
    var family: ModelFamily
    var tokenizer: CLIPTokenizer
    var text: (weights: any WeightSource, config: CLIPTextConfig)
    var unet: (weights: any WeightSource, config: UNetConfig)
    var vae: (weights: any WeightSource, config: VAEConfig)?
    var preview: TinyDecoder?
    var scheduler: SchedulerConfig
    /// Every weight file read, for the fingerprint.
    var files: [String]
}
