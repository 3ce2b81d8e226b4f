import Imaging
import Project

/// One piece of work for the render queue: a shot's key drawing, its clip, or the shot with another seed.
public struct RenderJob: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The shot's keyframe (drawing 1), written to `frames/<id>.png`.
        case keyDrawing
        /// The rest of the shot's clip, written to `clips/<id>/`, after its key drawing.
        case clip
        /// The shot rendered with another seed for the variants grid, into the cache only.
        case variant(seed: UInt32)
    }

    public var shotID: String
    public var kind: Kind

    public init(shotID: String, kind: Kind) {
        self.shotID = shotID
        self.kind = kind
    }

    public var isVariant: Bool {
        if case .variant = kind { return true }
        return false
    }

    public var description: String {
        switch kind {
        case .keyDrawing: return shotID
        case .clip: return "\(shotID) clip"
        case .variant(let seed): return "\(shotID) seed \(seed)"
        }
    }
}

/// A job with the project as it was when the job was asked for: later edits make new requests, never change this one.
public struct RenderRequest: Sendable {
    public var job: RenderJob
    public var shot: Shot
    public var project: Project

    public init(_ kind: RenderJob.Kind, shot: Shot, project: Project) {
        job = RenderJob(shotID: shot.id, kind: kind)
        self.shot = shot
        self.project = project
    }
}

/// What a worker reports while a job runs.
public enum RenderProgress: Sendable {
    /// Sampler step `step` (from 1) of `of` done.
    case step(Int, of: Int)
    /// A quick picture of the model's current estimate (x0), for the preview while it renders.
    case preview(Frame)
    /// A video model's clip: step `step` (from 1) of `of` of window `window` (from 1) of `windows`.
    case clipStep(window: Int, windows: Int, step: Int, of: Int)
}

/// What a finished job gives back: pictures as values, not paths to decode again.
public enum RenderOutput: Sendable, Equatable {
    /// The key drawing; `cached` when no sampler step ran.
    case keyDrawing(Frame, cached: Bool)
    /// The clip on disk.
    case clip(ClipInfo)
    /// A variant's picture; `cached` when no sampler step ran.
    case variant(Frame, cached: Bool)
}

/// Does the work of one job. Throws `CancellationError` once `cancel` is set (between sampler steps).
public protocol RenderWorker: Sendable {
    func run(_ request: RenderRequest, cancel: CancellationFlag, progress: (RenderProgress) -> Void) throws -> RenderOutput
}
