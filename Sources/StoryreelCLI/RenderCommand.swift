import ArgumentParser
import Farm
import Foundation
import JSON
import Project
import Render
import SD
import Storage

/// `storyreel render DIR`: every stale keyframe to DIR/frames/<id>.png, through the cache.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render every shot: its key drawing to DIR/frames/<shot-id>.png, its clip to DIR/clips/<shot-id>/.",
        discussion: """
            Only shots whose pixels would change are re-denoised: the render cache (DIR/.storyreel/cache) is keyed \
            by everything that changes a frame. Durations, notes, titles and shot order re-render nothing. Each \
            shot is a clip of drawings (0001.png … at the project's drawings_per_second; drawing 1 is the key \
            drawing); a longer duration only adds drawings at the end, and a shot with motion = "none" holds still.
            """)

    @Argument(help: "The project folder.")
    var folder: String = "."

    @Option(help: "Render only the shot with this id (repeat for several).")
    var shot: [String] = []

    @Flag(help: "Print one JSON object with what was rendered and what came from the cache.")
    var json = false

    @Option(help: "Render with this model instead of the project's: sketch, or sd:PATH to a diffusers folder or a .safetensors checkpoint.")
    var model: String?

    @Option(help: ArgumentHelp("Initial latent noise from a .npy file (float32, the latent's shape), instead of the seed's.",
                               discussion: "Reproduces an image another tool made from that noise. For a shot with a motion_model, noise shaped like diffusers' AnimateDiffPipeline latents [1, 4, F, H/8, W/8] gives clip frame f the noise of frame f (and the key drawing frame 0's).",
                               valueName: "FILE.npy"))
    var noise: String?

    @Option(help: ArgumentHelp("A farm submission's plan (written by 'storyreel farm submit'); with --task, render one of its tasks.",
                               valueName: "plan.json"))
    var taskFile: String?

    @Option(help: "The task of --task-file to render (Slurm's array index).")
    var task: Int?

    /// [C, F, plane] (diffusers' video latents without the batch axis) → [F, C, plane].
    static func frameMajor(_ values: [Float], channels: Int, frames: Int, plane: Int) -> [Float] {
        var out = [Float](repeating: 0, count: values.count)
        for c in 0..<channels {
            for f in 0..<frames {
                for p in 0..<plane { out[(f * channels + c) * plane + p] = values[(c * frames + f) * plane + p] }
            }
        }
        return out
    }

    func run() throws {
        if let taskFile {
            try runFarmTask(taskFile)
            return
        }
        var project = try Console.loadProject(folder)
        if let model {
            guard model == "sketch" || (model.hasPrefix("sd:") && model.count > 3) else {
                throw Console.fail("--model '\(model)': expected sketch or sd:PATH", code: 2)
            }
            // A relative checkpoint path on the command line means relative to where the command runs.
            let path = String(model.dropFirst(3))
            // "~/…" is kept for the registry to expand: the shell leaves a tilde after "sd:" alone.
            project.model = model == "sketch" || path.hasPrefix("/") || path.hasPrefix("~") ? model
                : "sd:" + FileManager.default.currentDirectoryPath + "/" + path
            for i in project.shots.indices { project.shots[i].model = nil }
        }
        var shots = project.shots
        if !shot.isEmpty {
            for id in shot where project.shot(id: id) == nil {
                let known = project.shots.prefix(12).map(\.id).joined(separator: ", ")
                // The id came from the command line: escape control characters rather than send them to the terminal.
                throw Console.fail("no shot '\(ShotID.printable(id))' in \(ProjectFile.path(in: folder)); shots are: \(known)", code: 2)
            }
            shots = project.shots.filter { shot.contains($0.id) }
        }
        let lock = try Console.lockProject(folder, purpose: "storyreel render")
        defer { withExtendedLifetime(lock) {} }
        let renderer = ProjectRenderer(folder: folder, project: project, models: ModelRegistry())
        if let noise {
            do {
                let file = try NPYFile(path: noise)
                if file.shape.count == 5 {
                    guard file.shape[0] == 1 else {
                        throw Console.fail("\(noise): video noise has shape \(file.shape); expected [1, 4, frames, height/8, width/8] (one clip)", code: 2)
                    }
                    let video = Self.frameMajor(file.values, channels: file.shape[1], frames: file.shape[2], plane: file.shape[3] * file.shape[4])
                    renderer.initialVideoNoise = video
                    renderer.initialNoise = Array(video.prefix(file.shape[1] * file.shape[3] * file.shape[4]))
                } else {
                    renderer.initialNoise = file.values
                }
            } catch let error as SDError {
                throw Console.fail(error.message, code: 2)
            }
        }
        let progress = ProgressLine(enabled: !json || Console.stderrIsTerminal, total: shots.count)
        let cancel = CancellationFlag()
        let interrupt = InterruptHandler { cancel.cancel() }
        defer { interrupt.restore() }
        let results: [ShotRenderResult]
        do {
            results = try renderer.render(shots, cancel: cancel) { event in
                switch event {
                case .shotStarted(let id, let index, _): progress.start(id: id, index: index)
                case .step(_, let step, let total, _): progress.step(step + 1, of: total)
                case .clipStep(_, let window, let windows, let step, let total, _):
                    progress.step(step + 1, of: total, window: (window, windows))
                case .clipFinished, .keyFrame: break
                case .shotFinished(let result): progress.finish(result)
                case .warning(let text): progress.warn(text)
                }
            }
        } catch is CancellationError {
            progress.clear()
            throw Console.fail("interrupted; frames rendered so far are kept", code: 130)
        } catch let error as RenderError {
            progress.clear()
            throw Console.fail(error.message, code: 1)
        }
        progress.clear()
        let rendered = results.filter { $0.status == .rendered }.count
        let calls = results.reduce(0) { $0 + $1.denoiserCalls }
        if json {
            let shotsJSON: [JSONValue] = results.map {
                .object([("id", .string($0.shotID)), ("status", .string($0.status.rawValue)),
                         ("key", .string($0.key.hex)), ("png", .string($0.png)),
                         ("clip", .object([("drawings", .integer(Int64($0.clip.drawings))),
                                           ("fps", .integer(Int64($0.clip.drawingsPerSecond))),
                                           ("dir", .string($0.clip.folder)),
                                           ("written", .integer(Int64($0.clip.wroteDrawings)))]))])
            }
            Console.out(JSONValue.object([
                ("rendered", .integer(Int64(rendered))),
                ("cached", .integer(Int64(results.count - rendered))),
                ("denoiser_calls", .integer(Int64(calls))),
                ("shots", .array(shotsJSON)),
            ]).serialized())
        } else {
            let drawings = results.reduce(0) { $0 + $1.clip.drawings }
            let written = results.reduce(0) { $0 + $1.clip.wroteDrawings }
            Console.out("\(rendered) rendered, \(results.count - rendered) cached, \(calls) denoiser calls; frames in \(renderer.framesFolder); "
                        + "\(drawings) drawings (\(written) drawn) in \(folder)/clips")
        }
    }

    /// One task of a farm submission: a shot (key drawing and clip) or a variant into the cache. Tasks of one
    /// submission run side by side, on many hosts, against one project folder: they take no project lock and sweep
    /// nothing; every file they write is content-addressed or replaced whole by rename, and two tasks never write
    /// the same frame (each shot is one task).
    func runFarmTask(_ path: String) throws {
        guard let task else { throw Console.fail("--task-file needs --task N (the array index)", code: 2) }
        let plan: FarmPlan
        do {
            plan = try FarmPlan.decode(try FileReader.read(path))
        } catch {
            throw Console.fail("cannot read the farm plan \(path): \(error)", code: 2)
        }
        guard plan.tasks.indices.contains(task) else {
            throw Console.fail("task \(task) is not in \(path) (it has tasks 0…\(plan.tasks.count - 1))", code: 2)
        }
        let work = plan.tasks[task]
        let project = try Console.loadProject(folder)
        guard let shot = project.shot(id: work.shot) else {
            Console.out("task \(task): shot \(ShotID.printable(work.shot)) is no longer in the project; nothing to do")
            return
        }
        let renderer = ProjectRenderer(folder: folder, project: project, models: ModelRegistry())
        let started = Date()
        do {
            if let seed = work.seed {
                let calls = try renderer.renderVariant(shot, seed: seed)
                Console.out("task \(task): \(work.label) \(calls == 0 ? "cached" : "rendered") in \(Int(Date().timeIntervalSince(started) * 1000)) ms")
            } else {
                let result = try renderer.render(shot)
                Console.out("task \(task): \(shot.id) \(result.status.rawValue), \(result.clip.drawings) drawings (\(result.clip.wroteDrawings) drawn) in \(Int(Date().timeIntervalSince(started) * 1000)) ms")
            }
            // What this task really took, for the next submission's memory request.
            let peak = PeakMemory.ofThisProcess()
            PeakMemory.record(peak, model: project.renderSettings(for: shot).model, project: FarmTools.absolute(folder)) { bytes, path in
                try AtomicFile.write(bytes, to: path)
            }
            Console.out("task \(task): peak resident memory \(peak) MB")
        } catch let error as RenderError {
            throw Console.fail("task \(task) (\(work.label)): \(error.message)", code: 1)
        }
    }
}
