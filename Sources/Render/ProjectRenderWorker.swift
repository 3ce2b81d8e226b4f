import Foundation
import Imaging
import Project
import Storage

/// The render queue's worker for a project folder: key drawings and clips through `ProjectRenderer` (cache, frame
/// files, Content Credentials), variants through the same latent cache, so a variant asked for again costs nothing.
public struct ProjectRenderWorker: RenderWorker {
    public let folder: String
    /// Width of the step previews (x0 of each sampler step): small, so they are quick.
    public var previewWidth = 256
    /// Width of a variant's picture.
    public var variantWidth = 512

    public init(folder: String) {
        self.folder = folder
    }

    public func run(_ request: RenderRequest, cancel: CancellationFlag, progress: (RenderProgress) -> Void) throws -> RenderOutput {
        let renderer = ProjectRenderer(folder: folder, project: request.project)
        let shot = request.shot
        switch request.job.kind {
        case .keyDrawing:
            let settings = request.project.renderSettings(for: shot)
            // Prepared for the previews only once a step shows that the sampler runs (a cached shot needs none).
            var preview: (any PreparedPrompt)?
            var decoded: Frame?
            let result = try renderer.render(shot, cancel: cancel, drawClip: false) { event in
                switch event {
                case .step(_, let step, let total, let denoised):
                    progress(.step(step + 1, of: total))
                    if preview == nil {
                        preview = try? ModelRegistry.model(for: settings, relativeTo: folder)
                            .prepare(prompt: shot.prompt, negative: settings.negative, guidance: settings.guidance,
                                     width: settings.width, height: settings.height)
                    }
                    if let frame = try? preview?.decodePreview(latent: denoised, width: previewWidth,
                                                                height: max(1, previewWidth * settings.height / settings.width)) {
                        progress(.preview(frame))
                    }
                case .keyFrame(_, let frame):
                    decoded = frame
                default:
                    break
                }
            }
            // A frame already on disk as this render was not decoded: the file holds exactly it.
            let frame = try decoded ?? Self.readFrame(folder + "/" + result.png)
            return .keyDrawing(frame, cached: result.status == .cached)
        case .clip:
            return .clip(try renderer.render(shot, cancel: cancel).clip)
        case .variant(let seed):
            var variant = shot
            variant.seed = seed
            let settings = request.project.renderSettings(for: variant)
            let model = try ModelRegistry.model(for: settings, relativeTo: folder)
            let prepared = try model.prepare(prompt: variant.prompt, negative: settings.negative, guidance: settings.guidance,
                                             width: settings.width, height: settings.height)
            let key = try renderer.key(shot: variant, settings: settings, model: model, prepared: prepared)
            let (latent, _, sampled) = try renderer.obtainLatent(shot: variant, settings: settings, model: model, prepared: prepared,
                                                                 key: key, cancel: cancel) { event in
                if case .step(_, let step, let total, _) = event { progress(.step(step + 1, of: total)) }
            }
            let frame = try prepared.decode(latent: latent, width: variantWidth,
                                            height: max(1, variantWidth * settings.height / settings.width))
            return .variant(frame, cached: !sampled)
        }
    }

    static func readFrame(_ path: String) throws -> Frame {
        do {
            return try PNGDecoder.decode(FileReader.read(path)).frame
        } catch {
            throw RenderError("cannot read \(path): \(error)")
        }
    }
}
