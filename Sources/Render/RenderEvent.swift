import Imaging

/// Progress of a render, for progress bars and step previews.
public enum RenderEvent {
    case shotStarted(id: String, index: Int, total: Int)
    /// After each sampler step: `denoised` is the model's x0 estimate, decodable as a preview.
    case step(id: String, step: Int, of: Int, denoised: [Float])
    /// After each sampler step of a video-model window: `denoised` is the x0 estimate of its frames,
    /// frame-major, each decodable as a preview with `previewFrame`.
    case clipStep(id: String, window: Int, windows: Int, step: Int, of: Int, denoised: [Float])
    /// The key drawing was decoded (to write its frame): the picture itself, for callers that show it.
    case keyFrame(id: String, frame: Frame)
    /// A shot's clip is on disk: `drawings` in all, `wrote` of them drawn now.
    case clipFinished(id: String, drawings: Int, wrote: Int)
    case shotFinished(ShotRenderResult)
    /// Something the user should know that did not stop the render (a corrupt cache entry, an unwritable cache).
    case warning(String)
}
