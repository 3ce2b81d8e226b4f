import Foundation
import Storage

/// Loads one `.safetensors` checkpoint in the LDM layout into model parts, with the bundled CLIP vocabulary.
enum SingleFileCheckpoint {
    static func parts(_ path: String, options: ModelOptions) throws -> ModelParts {
        try PickleGuard.refuseIfPickle(path)
        let file = try SafeTensorsFile(path: path)
        var overrides = ConfigOverrides()
        var tokenizer: CLIPTokenizer?
        var scheduler: SchedulerConfig?
        if let configs = options.configFolder {
            overrides.unet = try UNetConfig(ConfigFile(path: configs + "/unet/config.json"))
            overrides.text = try CLIPTextConfig(ConfigFile(path: configs + "/text_encoder/config.json"))
            overrides.vae = try VAEConfig(ConfigFile(path: configs + "/vae/config.json"))
            if FileReader.exists(configs + "/tokenizer/vocab.json") { tokenizer = try CLIPTokenizer(folder: configs + "/tokenizer") }
            let schedulerPath = configs + "/scheduler/scheduler_config.json"
            if FileReader.exists(schedulerPath) { scheduler = try SchedulerConfig(ConfigFile(path: schedulerPath)) }
        }
        let checkpoint = try LDMCheckpoint(file, overrides: overrides)
        if tokenizer == nil {
            tokenizer = try BundledTokenizer.make(padToken: BundledTokenizer.padToken(for: checkpoint.family))
            let needed = try BundledTokenizer.vocabulary().vocab.count
            guard checkpoint.text.config.vocabSize >= needed else {
                throw SDError("\(path): the text encoder has \(checkpoint.text.config.vocabSize) token embeddings; the bundled CLIP vocabulary needs \(needed)")
            }
        }
        return ModelParts(family: checkpoint.family, tokenizer: tokenizer!, text: (checkpoint.text.weights, checkpoint.text.config),
                          unet: (checkpoint.unet.weights, checkpoint.unet.config),
                          vae: checkpoint.vae.map { ($0.weights, $0.config) }, preview: nil,
                          scheduler: scheduler ?? SchedulerConfig(prediction: checkpoint.prediction), files: [path])
    }
}
