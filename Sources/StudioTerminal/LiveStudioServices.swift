import Export
import Foundation
import Project
import Render
import Studio

/// The studio's live services over a project folder: the project file, the render queue, the exporter and the
/// recovery file.
public final class LiveStudioServices: StudioServices, @unchecked Sendable {
    let folder: String
    let liveRender: LiveRenderService
    let recoveryFile: RecoveryFile
    /// Exports run one at a time, beside renders, so a long animatic never holds up a preview.
    private let exportQueue = DispatchQueue(label: "storyreel.studio.export")
    private var exportCancel: CancellationFlag?

    public init(folder: String) {
        self.folder = folder
        liveRender = LiveRenderService(folder: folder)
        recoveryFile = RecoveryFile(folder: folder)
    }

    public var render: any RenderService { liveRender }
    public var recovery: any RecoveryStore { recoveryFile }

    public func save(_ project: Project) -> String? {
        do {
            try ProjectFile.save(project, folder: folder)
            return nil
        } catch {
            return error.description
        }
    }

    /// Runs `:export` in this process, which already holds the project lock a separate `storyreel export` would be
    /// refused: the words are parsed as that command parses its options, then the same Exporter runs on a background
    /// queue, posting its stages to the status bar. Esc cancels it through the flag.
    public func export(_ words: [String], project: Project, report: @escaping @Sendable (StudioAction) -> Void) {
        let options: ExportOptions
        do {
            options = try ExportArguments.parse(words: words)
        } catch {
            report(.exportFailed("export: \(error.message)"))
            return
        }
        let flag = CancellationFlag()
        exportCancel = flag
        let folder = self.folder, models = liveRender.models
        let outputs = options.outputs
        exportQueue.async {
            let clock = SystemClock()
            let started = clock.now()
            var lastPost = 0.0
            do {
                let written = try Exporter(folder: folder, project: project, models: models).run(options, cancel: flag) { event in
                    guard case .stage(let name, let done, let total) = event else { return }
                    // Often enough to move, not so often that the loop redraws for nothing.
                    let now = clock.now()
                    if now - lastPost > 0.1 || done == total {
                        lastPost = now
                        report(.exportProgress(stage: name, done: done, of: total))
                    }
                }
                let seconds = String(format: "%.1f", clock.now() - started)
                let manifests = written.filter { $0.hasSuffix(".manifest.json") }.count
                report(.exportFinished("exported \(outputs.joined(separator: ", ")) with \(manifests == 1 ? "its manifest" : "their manifests") in \(seconds) s"))
            } catch is CancellationError {
                report(.exportFailed("export cancelled; the file being written was removed"))
            } catch let error as ExportError {
                report(.exportFailed("export failed: \(error.message)"))
            } catch {
                report(.exportFailed("export failed: \(error)"))
            }
        }
    }

    public func cancelExport() { exportCancel?.cancel() }

    public func cameraWindow(_ move: CameraMove, progress: Double) -> CameraWindow {
        let (cx, cy, size) = move.window(progress: progress)
        return CameraWindow(centreX: cx, centreY: cy, size: size)
    }

    /// A cancelled export gets a moment to remove its half-written file; the render queue stops.
    public func finish() {
        liveRender.stop(seconds: 1)
        guard exportCancel != nil else { return }
        let finished = DispatchSemaphore(value: 0)
        exportQueue.async { finished.signal() }
        _ = finished.wait(timeout: .now() + 10)
    }
}
