import Imaging
import Project

/// Everything the studio asks of the world besides the screen: saving, rendering, exporting, recovery, and the
/// camera-move math. The live services (files, the render queue, the exporter) are in StudioTerminal; tests give
/// their own.
public protocol StudioServices: AnyObject {
    var render: any RenderService { get }
    var recovery: any RecoveryStore { get }
    /// Writes the project file atomically; the reason when it could not.
    func save(_ project: Project) -> String?
    /// Runs `:export` with these words in the background; progress and the outcome come back through `report`.
    func export(_ words: [String], project: Project, report: @escaping @Sendable (StudioAction) -> Void)
    /// Stops the running export; it reports back with `exportFailed`.
    func cancelExport()
    /// The part of the frame a camera move shows at `progress` (0…1 of the shot).
    func cameraWindow(_ move: CameraMove, progress: Double) -> CameraWindow
    /// On the way out: let a cancelled export remove its half-written file, stop the renders.
    func finish()
}

/// Renders for the studio, most needed first, reporting back through the sink given to `start`.
public protocol RenderService: AnyObject {
    func start(_ report: @escaping @Sendable (RenderUpdate) -> Void)
    /// The shot's key drawing, then its clip; replaces (and cancels) an older render of the shot.
    func render(_ shot: Shot, in project: Project)
    /// The variants grid's seeds of `shot`, replacing any grid before.
    func renderVariants(_ shot: Shot, seeds: [UInt32], in project: Project)
    func cancelVariants()
    /// Stops every render, running or queued (Esc); what finished stays.
    func cancelRenders()
    /// The order shots matter now, most first: the selected one, the visible ones, the rest.
    func focus(_ shotIDs: [String])
    /// Drawing `index` (0 is the key drawing) of the shot's clip as last rendered; nil when there is none.
    func drawing(_ index: Int, of shotID: String) -> Frame?
    /// Called on every pass of the loop: a render service may look for frames written by others (a render farm)
    /// for the stale shots of `project`, and report them as renders.
    func watch(_ project: Project, stale: [String], now: Double)
}

/// What the render service reports; frames are values.
public enum RenderUpdate: Sendable {
    case progress(shotID: String, step: Int, of: Int)
    /// The sampler's current estimate, for the preview while it renders.
    case preview(shotID: String, Frame)
    /// A video model's clip advanced: window and step, from 1.
    case clipProgress(shotID: String, window: Int, windows: Int, step: Int, of: Int)
    case keyDrawing(shotID: String, Frame, cached: Bool)
    /// The shot's clip is on disk with `drawings` drawings.
    case clip(shotID: String, drawings: Int)
    case failed(shotID: String, message: String)
    case variantProgress(seed: UInt32, step: Int, of: Int)
    case variant(shotID: String, seed: UInt32, Frame)
    case variantFailed(seed: UInt32, message: String)
    case activity(RenderActivity)
}

/// The unfinished edit kept across crashes (`.storyreel/recovery.json` in the live studio).
public protocol RecoveryStore: AnyObject {
    /// The edit a previous session left, if any.
    func read() -> RecoveredEdit?
    /// Keeps `edit`, written at once or by a later `tick` (writes are spaced out).
    func keep(_ edit: RecoveredEdit, now: Double)
    func tick(now: Double)
    /// Writes what is pending now (the studio is exiting).
    func flush()
    /// The edit is over: nothing kept.
    func drop()
    /// Why the last write failed, once.
    func takeFailure() -> String?
}
