/// Which Stable Diffusion generation a checkpoint belongs to, as its text encoder tells.
public enum ModelFamily: String, Sendable {
    /// SD 1.x: OpenAI CLIP ViT-L text encoder, 768-wide context.
    case sd1
    /// SD 2.x: OpenCLIP ViT-H text encoder (penultimate layer), 1024-wide context.
    case sd2
}
