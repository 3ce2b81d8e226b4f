import Foundation
import Storage

/// A VAE named by `vae = PATH`: a diffusers folder (a VAE's own, or a model's `vae/`), or one `.safetensors`
/// file with LDM keys (bare or under `first_stage_model.`) or diffusers keys.
enum VAEOverride {
    static func load(_ path: String) throws -> (weights: any WeightSource, config: VAEConfig, file: String) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw SDError("vae \(path) does not exist; expected a .safetensors VAE file or a diffusers VAE folder")
        }
        if isFolder.boolValue {
            for folder in [path, path + "/vae"] where FileReader.exists(folder + "/config.json") {
                let file = try DiffusersFolder.weights((folder as NSString).deletingLastPathComponent, (folder as NSString).lastPathComponent,
                                                       ["diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.fp16.safetensors"])
                return (file, try VAEConfig(ConfigFile(path: folder + "/config.json")), file.path)
            }
            throw SDError("vae folder \(path) has no config.json (nor vae/config.json); expected a diffusers AutoencoderKL folder")
        }
        try PickleGuard.refuseIfPickle(path)
        let file = try SafeTensorsFile(path: path)
        let keys = LDMCheckpoint.strippingNesting(Array(file.entries.keys))
        var ldm: [String: String] = [:]
        for (bare, key) in keys {
            let local = bare.hasPrefix(LDMCheckpoint.vaePrefix) ? String(bare.dropFirst(LDMCheckpoint.vaePrefix.count)) : bare
            ldm[local] = key
        }
        if ldm.keys.contains(where: { $0.hasPrefix("encoder.down.") || $0.hasPrefix("decoder.up.") }) {
            let vae = try LDMCheckpoint.vae(file: file, keys: ldm, override: nil)
            return (vae.weights, vae.config, path)
        }
        if file.contains("decoder.conv_in.weight"), keys.keys.contains(where: { $0.hasPrefix("encoder.down_blocks.") }) {
            return (file, try diffusersConfig(file), path)
        }
        throw SDError("vae \(path): not a KL autoencoder; expected encoder.down.*/decoder.up.* (LDM) or encoder.down_blocks.*/decoder.up_blocks.* (diffusers) tensors")
    }

    /// The config of a diffusers-named VAE file without its config.json, from its shapes.
    static func diffusersConfig(_ file: SafeTensorsFile) throws -> VAEConfig {
        func shape(_ name: String) throws -> [Int] {
            guard let entry = file.entries[name] else { throw SDError("\(file.path): no tensor \(name.quotedForMessage); expected a diffusers AutoencoderKL") }
            return entry.shape
        }
        var channels: [Int] = []
        while file.contains("encoder.down_blocks.\(channels.count).resnets.0.conv1.weight") {
            channels.append(try shape("encoder.down_blocks.\(channels.count).resnets.0.conv1.weight")[0])
        }
        var layers = 0
        while file.contains("encoder.down_blocks.0.resnets.\(layers).conv1.weight") { layers += 1 }
        var config = VAEConfig(blockOutChannels: channels, layersPerBlock: layers)
        config.latentChannels = try shape("decoder.conv_in.weight")[1]
        config.imageChannels = try shape("decoder.conv_out.weight")[0]
        config.usesQuantConv = file.contains("post_quant_conv.weight")
        return config
    }
}
