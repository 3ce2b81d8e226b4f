import ArgumentParser
import Foundation
import Project
import Render
import SD
import Storage

/// `storyreel render DIR`: every stale keyframe to DIR/frames/<id>.png, through the cache.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the keyframe of every shot to DIR/frames/<shot-id>.png.",
        discussion: """
            Only shots whose pixels would change are re-denoised: the render cache (DIR/.storyreel/cache) is keyed \
            by everything that changes a frame. Durations, notes, titles and shot order re-render nothing.
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
                               discussion: "Reproduces an image another tool made from that noise.", valueName: "FILE.npy"))
    var noise: String?

    func run() throws {
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
        let renderer = ProjectRenderer(folder: folder, project: project)
        if let noise {
            do {
                renderer.initialNoise = try NPYFile(path: noise).values
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
                         ("key", .string($0.key.hex)), ("png", .string($0.png))])
            }
            Console.out(JSONValue.object([
                ("rendered", .integer(Int64(rendered))),
                ("cached", .integer(Int64(results.count - rendered))),
                ("denoiser_calls", .integer(Int64(calls))),
                ("shots", .array(shotsJSON)),
            ]).serialized())
        } else {
            Console.out("\(rendered) rendered, \(results.count - rendered) cached, \(calls) denoiser calls; frames in \(renderer.framesFolder)")
        }
    }
}
