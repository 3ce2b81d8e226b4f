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

    /// Where models come from: one registry for every job, so each checkpoint is loaded once.
    public let models: ModelRegistry

    public init(folder: String, models: ModelRegistry = ModelRegistry()) {
        self.folder = folder
        self.models = models
    }

    public func run(_ request: RenderRequest, cancel: CancellationFlag, progress: (RenderProgress) -> Void) throws -> RenderOutput {
        let renderer = ProjectRenderer(folder: folder, project: request.project, models: models)
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
                        preview = try? models.model(for: settings, relativeTo: folder)
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
            // A video model shows every frame's x0 (TAESD) as a contact sheet after each step.
            let settings = request.project.renderSettings(for: shot)
            var preview: (any PreparedPrompt)?
            let clip = try renderer.render(shot, cancel: cancel) { event in
                guard case .clipStep(_, let window, let windows, let step, let total, let denoised) = event else { return }
                progress(.clipStep(window: window + 1, windows: windows, step: step + 1, of: total))
                if preview == nil {
                    preview = try? models.model(for: settings, relativeTo: folder)
                        .prepare(prompt: shot.prompt, negative: settings.negative, guidance: settings.guidance,
                                 width: settings.width, height: settings.height)
                }
                if let preview, let sheet = Self.contactSheet(denoised, prepared: preview, width: 2 * previewWidth) {
                    progress(.preview(sheet))
                }
            }.clip
            return .clip(clip)
        case .variant(let seed):
            var variant = shot
            variant.seed = seed
            let settings = request.project.renderSettings(for: variant)
            let model = try models.model(for: settings, relativeTo: folder)
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

    /// A window's frames (frame-major latents) as step previews tiled four to a row, `width` pixels wide in all.
    static func contactSheet(_ latents: [Float], prepared: any PreparedPrompt, width: Int) -> Frame? {
        let per = prepared.latentCount
        guard per > 0, latents.count % per == 0 else { return nil }
        let frames = latents.count / per, columns = 4, rows = (frames + columns - 1) / columns
        let tileWidth = max(8, width / columns)
        var tiles: [Frame] = []
        for f in 0..<frames {
            guard let tile = try? prepared.decodePreview(latent: Array(latents[(f * per)..<((f + 1) * per)]), width: tileWidth,
                                                         height: max(1, tileWidth * 9 / 16)) else { return nil }
            tiles.append(tile)
        }
        let tileW = tiles[0].width, tileH = tiles[0].height
        var sheet = Frame(width: tileW * columns, height: tileH * rows)
        for (n, tile) in tiles.enumerated() where tile.width == tileW && tile.height == tileH {
            let x0 = (n % columns) * tileW, y0 = (n / columns) * tileH
            for y in 0..<tileH {
                let from = y * tileW * 4, to = ((y0 + y) * sheet.width + x0) * 4
                sheet.pixels.replaceSubrange(to..<(to + tileW * 4), with: tile.pixels[from..<(from + tileW * 4)])
            }
        }
        return sheet
    }

    static func readFrame(_ path: String) throws -> Frame {
        do {
            return try PNGDecoder.decode(FileReader.read(path)).frame
        } catch {
            throw RenderError("cannot read \(path): \(error)")
        }
    }
}
