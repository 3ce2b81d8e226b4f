import Foundation
import SD

/// Finds the model a project or shot names, loading each Stable Diffusion folder once per process.
public enum ModelRegistry {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var loaded: [String: SDShotModel] = [:]

    /// The model for a spec: "sketch" or "sd:PATH" (PATH relative to `base`, the project folder, unless absolute).
    public static func model(for spec: String, relativeTo base: String? = nil) throws(RenderError) -> any ShotModel {
        if spec == "sketch" { return SketchShotModel() }
        if spec.hasPrefix("sd:") {
            var path = String(spec.dropFirst(3))
            guard !path.isEmpty else { throw RenderError("model \"sd:\" names no folder; expected sd:PATH to a diffusers-layout checkpoint") }
            if !path.hasPrefix("/"), let base { path = base + "/" + path }
            let resolved = URL(fileURLWithPath: path).standardizedFileURL.path
            lock.lock()
            defer { lock.unlock() }
            if let model = loaded[resolved] { return model }
            do {
                let model = SDShotModel(spec: spec, model: try StableDiffusionModel(folder: resolved))
                loaded[resolved] = model
                return model
            } catch let error as SDError {
                throw RenderError("model '\(spec)': \(error.message)")
            } catch {
                throw RenderError("model '\(spec)': \(error)")
            }
        }
        throw RenderError("unknown model '\(spec)'; expected \"sketch\" or \"sd:PATH\"")
    }
}
