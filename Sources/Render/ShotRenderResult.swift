/// What rendering one shot did.
public struct ShotRenderResult: Sendable, Equatable {
    public enum Status: String, Sendable {
        /// The sampler ran.
        case rendered
        /// The latent came from the cache: no denoiser calls.
        case cached
    }

    public var shotID: String
    public var status: Status
    public var key: RenderKey
    /// Path of the frame relative to the project folder ("frames/s01.png").
    public var png: String
    public var denoiserCalls: Int
    /// Whether the PNG was (re)written; false when the file on disk already held this render.
    public var wroteFrame: Bool
    /// The shot's clip of drawings (`clips/<id>/`); drawing 1 is the key drawing.
    public var clip: ClipInfo
    public var seconds: Double
}
