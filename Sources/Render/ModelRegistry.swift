/// Finds the model a project or shot names.
public enum ModelRegistry {
    /// The model for a spec: "sketch" or "sd:PATH".
    public static func model(for spec: String) throws(RenderError) -> any ShotModel {
        if spec == "sketch" { return SketchShotModel() }
        if spec.hasPrefix("sd:") {
            throw RenderError("model '\(spec)': Stable Diffusion checkpoints are not supported in this version yet; use model = \"sketch\"")
        }
        throw RenderError("unknown model '\(spec)'; expected \"sketch\" or \"sd:PATH\"")
    }
}
