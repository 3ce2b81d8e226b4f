import Foundation
import Imaging
import Project
import Render
import Storage
import Studio

/// The studio's renders through Render's queue (priority, cancellation, pictures as values) over the project
/// folder, plus frames that arrive from elsewhere (a render farm writing into the shared project).
final class LiveRenderService: RenderService, @unchecked Sendable {
    let folder: String
    private var queue: RenderQueue?
    private let lock = NSLock()
    /// Each shot's clip on disk, as its last render left it.
    private var clips: [String: ClipInfo] = [:]
    /// Shots whose preview shows a video clip's contact sheet, to be given their key drawing back.
    private var sheets: Set<String> = []
    /// Frame files as last seen (modification time in ns), and when they were last looked at.
    private var frameStamps: [String: Int] = [:]
    private var lastFrameWatch = -Double.infinity
    private let watchQueue = DispatchQueue(label: "storyreel.studio.watch")

    /// The session's models: each checkpoint loaded once for every render, variant and export.
    let models = ModelRegistry()

    init(folder: String) {
        self.folder = folder
    }

    /// Where updates go; set once, before the queue exists.
    private var report: (@Sendable (RenderUpdate) -> Void)?

    func start(_ report: @escaping @Sendable (RenderUpdate) -> Void) {
        self.report = report
        queue = RenderQueue(worker: ProjectRenderWorker(folder: folder, models: models)) { [weak self] update in
            guard let self else { return }
            for u in self.translate(update) { report(u) }
        }
    }

    /// Render's news in the studio's words.
    func translate(_ update: RenderQueue.Update) -> [RenderUpdate] {
        switch update {
        case .started: return []
        case .cancelled(let job): return keyFrameBack(job)
        case .progress(let job, let step, let total):
            if case .variant(let seed) = job.kind { return [.variantProgress(seed: seed, step: step, of: total)] }
            return job.kind == .keyDrawing ? [.progress(shotID: job.shotID, step: step, of: total)] : []
        case .preview(let job, let frame):
            if job.kind == .clip {
                lock.lock()
                sheets.insert(job.shotID)
                lock.unlock()
            }
            return job.isVariant ? [] : [.preview(shotID: job.shotID, frame)]
        case .clipProgress(let job, let window, let windows, let step, let total):
            return [.clipProgress(shotID: job.shotID, window: window, windows: windows, step: step, of: total)]
        case .finished(let job, let output):
            switch output {
            case .keyDrawing(let frame, let cached): return [.keyDrawing(shotID: job.shotID, frame, cached: cached)]
            case .clip(let info):
                lock.lock()
                clips[job.shotID] = info
                lock.unlock()
                return keyFrameBack(job) + [.clip(shotID: job.shotID, drawings: info.drawings)]
            case .variant(let frame, _):
                guard case .variant(let seed) = job.kind else { return [] }
                return [.variant(shotID: job.shotID, seed: seed, frame)]
            }
        case .failed(let job, let message):
            switch job.kind {
            case .keyDrawing: return [.failed(shotID: job.shotID, message: message)]
            case .clip: return keyFrameBack(job) + [.failed(shotID: job.shotID, message: "its clip: \(message)")]
            case .variant(let seed): return [.variantFailed(seed: seed, message: message)]
            }
        case .status(let status):
            return [.activity(RenderActivity(running: status.running.map(Self.job), queued: status.queued.map(Self.job)))]
        }
    }

    /// After a video clip's contact sheets, the key drawing again in the preview.
    func keyFrameBack(_ job: RenderJob) -> [RenderUpdate] {
        lock.lock()
        let shown = sheets.remove(job.shotID) != nil
        lock.unlock()
        guard shown, let bytes = try? FileReader.read(folder + "/frames/\(job.shotID).png"),
              let frame = try? PNGDecoder.decode(bytes).frame else { return [] }
        return [.preview(shotID: job.shotID, frame)]
    }

    func cancelRenders() {
        queue?.cancel { _ in true }
    }

    static func job(_ job: RenderJob) -> RenderActivity.Job {
        switch job.kind {
        case .keyDrawing: return .keyDrawing(job.shotID)
        case .clip: return .clip(job.shotID)
        case .variant(let seed): return .variant(job.shotID, seed: seed)
        }
    }

    func render(_ shot: Shot, in project: Project) {
        lock.lock()
        clips[shot.id] = nil
        lock.unlock()
        // The key drawing first; the clip waits behind every key drawing asked for (the board first, then motion).
        queue?.submit(RenderRequest(.keyDrawing, shot: shot, project: project))
        queue?.submit(RenderRequest(.clip, shot: shot, project: project))
    }

    func renderVariants(_ shot: Shot, seeds: [UInt32], in project: Project) {
        queue?.cancelVariants()
        for seed in seeds { queue?.submit(RenderRequest(.variant(seed: seed), shot: shot, project: project)) }
    }

    func cancelVariants() { queue?.cancelVariants() }

    func focus(_ shotIDs: [String]) { queue?.focus(shotIDs) }

    func drawing(_ index: Int, of shotID: String) -> Frame? {
        lock.lock()
        let clip = clips[shotID]
        lock.unlock()
        guard let clip, index < clip.drawings, let bytes = try? FileReader.read(folder + "/" + clip.drawingPath(index)) else { return nil }
        return try? PNGDecoder.decode(bytes).frame
    }

    /// Once a second: a frame file that changed without this studio rendering it (a farm task, another machine's
    /// `render`) is read in, when it holds the shot as it is now.
    func watch(_ project: Project, stale: [String], now: Double) {
        guard now - lastFrameWatch >= 1 else { return }
        lastFrameWatch = now
        let staleSet = Set(stale)
        for shot in project.shots {
            var info = stat()
            guard stat(folder + "/frames/\(shot.id).png", &info) == 0 else { continue }
            let stamp = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
            let seen = frameStamps[shot.id]
            frameStamps[shot.id] = stamp
            guard let seen, seen != stamp, staleSet.contains(shot.id) else { continue }
            let folder = self.folder
            let id = shot.id
            watchQueue.async { [weak self] in
                // Cheap for a current shot: the latent is cached and the frame already holds it.
                guard let self, (try? ProjectRenderer(folder: folder, project: project).isCurrent(shot)) == true,
                      let bytes = try? FileReader.read(folder + "/frames/\(id).png"), let frame = try? PNGDecoder.decode(bytes).frame else { return }
                self.report?(.keyDrawing(shotID: id, frame, cached: true))
            }
        }
    }

    /// Cancels what renders and ends the queue, waiting at most `seconds` for the running job to notice.
    func stop(seconds: Double) { queue?.stop(seconds: seconds) }
}
