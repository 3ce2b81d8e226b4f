import Foundation
import Storage

/// A checkpoint in the diffusers folder layout: model_index.json, tokenizer/, text_encoder/, unet/, vae/ and
/// optionally vae_tiny/ or taesd/ (TAESD previews) and scheduler/.
enum DiffusersFolder {
    static func parts(_ folder: String) throws -> ModelParts {
        _ = try ConfigFile(path: folder + "/model_index.json")
        let tokenizer = try CLIPTokenizer(folder: folder + "/tokenizer")
        let textFile = try weights(folder, "text_encoder", ["model.safetensors", "model.fp16.safetensors"])
        let textConfig = try CLIPTextConfig(ConfigFile(path: folder + "/text_encoder/config.json"))
        let unetFile = try weights(folder, "unet", ["diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.fp16.safetensors"])
        let unetConfig = try UNetConfig(ConfigFile(path: folder + "/unet/config.json"))
        let vae = try self.vae(folder)
        var tiny: TinyDecoder? = nil
        var files = [textFile.path, unetFile.path, vae.file.path]
        for part in ["vae_tiny", "taesd"] where FileReader.exists("\(folder)/\(part)/config.json") {
            let file = try weights(folder, part, ["diffusion_pytorch_model.safetensors"])
            tiny = try TinyDecoder(WeightScope(file), config: ConfigFile(path: "\(folder)/\(part)/config.json"))
            files.append(file.path)
            break
        }
        let schedulerPath = folder + "/scheduler/scheduler_config.json"
        let scheduler = FileReader.exists(schedulerPath) ? try SchedulerConfig(ConfigFile(path: schedulerPath)) : SchedulerConfig()
        return ModelParts(family: textConfig.hiddenSize == 1024 || unetConfig.useLinearProjection ? .sd2 : .sd1,
                          tokenizer: tokenizer, text: (StrippedPrefix(textFile, "text_model."), textConfig),
                          unet: (unetFile, unetConfig), vae: (vae.file, vae.config), preview: tiny, scheduler: scheduler,
                          files: files)
    }

    /// A diffusers VAE folder (config.json and weights), the `vae/` of a model folder.
    static func vae(_ modelFolder: String) throws -> (file: SafeTensorsFile, config: VAEConfig) {
        let file = try weights(modelFolder, "vae", ["diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.fp16.safetensors"])
        return (file, try VAEConfig(ConfigFile(path: modelFolder + "/vae/config.json")))
    }

    static func weights(_ folder: String, _ part: String, _ names: [String]) throws -> SafeTensorsFile {
        for name in names where FileReader.exists("\(folder)/\(part)/\(name)") {
            return try SafeTensorsFile(path: "\(folder)/\(part)/\(name)")
        }
        throw SDError("\(folder)/\(part)/ has no \(names.joined(separator: " or ")); expected .safetensors weights (convert .bin/.ckpt files first)")
    }
}
