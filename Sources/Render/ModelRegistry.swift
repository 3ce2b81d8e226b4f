import Foundation
import Project
import SD

/// Finds the model a project or shot names, loading each Stable Diffusion checkpoint once per registry, and once
/// per VAE, prediction and LoRA set: a merged model is kept in memory for each set a project uses.
///
/// Not a global: the CLI makes one per command and the studio one per session, and hand it to every renderer and
/// exporter, so tests inject their own models and `unload()` frees what a session no longer needs.
public final class ModelRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: [String: SDShotModel] = [:]
    /// Load order of `loaded`'s keys, oldest first.
    private var order: [String] = []
    private var motionModules: [String: MotionAdapter] = [:]
    /// Models given by `register`, by the spec that names them.
    private var registered: [String: any ShotModel] = [:]
    /// How many merged variants stay in memory at once; each is a full copy of the weights.
    static let capacity = 4

    public init() {}

    /// Serves `model` for the spec `model.id` ("sketch" or any "sd:…"), instead of loading one.
    public func register(_ model: any ShotModel) {
        lock.lock(); defer { lock.unlock() }
        registered[model.id] = model
    }

    /// Frees every loaded checkpoint and motion module (registered models stay).
    public func unload() {
        lock.lock(); defer { lock.unlock() }
        loaded.removeAll()
        order.removeAll()
        motionModules.removeAll()
    }

    /// The model for a spec: "sketch" or "sd:PATH" (PATH relative to `base`, the project folder, unless absolute).
    public func model(for spec: String, relativeTo base: String? = nil) throws(RenderError) -> any ShotModel {
        try model(for: spec, options: ModelOptions(), relativeTo: base)
    }

    /// The model a shot's settings name, with their VAE, prediction and LoRAs (paths relative to `base`).
    public func model(for settings: RenderSettings, relativeTo base: String? = nil) throws(RenderError) -> any ShotModel {
        guard settings.model.hasPrefix("sd:") else { return try model(for: settings.model, relativeTo: base) }
        let options = ModelOptions(vae: settings.vae.map { Self.resolve($0, base) },
                                   prediction: settings.prediction.map { $0 == .v ? .v : .epsilon },
                                   loras: settings.loras.map { LoRA(path: Self.resolve($0.path, base), strength: $0.strength) })
        return try model(for: settings.model, options: options, relativeTo: base)
    }

    func model(for spec: String, options: ModelOptions, relativeTo base: String?) throws(RenderError) -> any ShotModel {
        lock.lock()
        defer { lock.unlock() }
        if let model = registered[spec] { return model }
        if spec == "sketch" { return SketchShotModel() }
        guard spec.hasPrefix("sd:") else {
            throw RenderError("unknown model '\(spec)'; expected \"sketch\" or \"sd:PATH\"")
        }
        let path = String(spec.dropFirst(3))
        guard !path.isEmpty else {
            throw RenderError("model \"sd:\" names no checkpoint; expected sd:PATH to a diffusers folder or a .safetensors file")
        }
        let resolved = Self.resolve(path, base)
        let key = ([resolved, options.vae ?? "", options.prediction?.rawValue ?? ""] + options.loras.map { "\($0.path)@\($0.strength)" })
            .joined(separator: "\u{1F}")
        if let model = loaded[key] { return model }
        do {
            let model = SDShotModel(spec: spec, model: try StableDiffusionModel(path: resolved, options: options))
            if order.count >= Self.capacity { loaded[order.removeFirst()] = nil }
            loaded[key] = model
            order.append(key)
            return model
        } catch let error as SDError {
            throw RenderError("model '\(spec)': \(error.message)")
        } catch {
            throw RenderError("model '\(spec)': \(error)")
        }
    }

    /// The AnimateDiff motion module at `path` (relative to `base`) for `model`'s UNet, loaded once per registry
    /// and model.
    public func motionAdapter(_ path: String, for model: SDShotModel, relativeTo base: String?) throws(RenderError) -> MotionAdapter {
        let resolved = Self.resolve(path, base)
        let key = resolved + "\u{1F}" + model.model.fingerprint
        lock.lock()
        defer { lock.unlock() }
        if let adapter = motionModules[key] { return adapter }
        do {
            let adapter = try MotionAdapter(path: resolved, unet: model.model.unet.config)
            if motionModules.count >= Self.capacity { motionModules.removeAll() }
            motionModules[key] = adapter
            return adapter
        } catch let error as SDError {
            throw RenderError("motion_model '\(path)': \(error.message)")
        } catch {
            throw RenderError("motion_model '\(path)': \(error)")
        }
    }

    /// An absolute, standardised path: `~` expanded, relative paths taken from `base`.
    static func resolve(_ path: String, _ base: String?) -> String {
        var path = (path as NSString).expandingTildeInPath
        if !path.hasPrefix("/"), let base { path = base + "/" + path }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
