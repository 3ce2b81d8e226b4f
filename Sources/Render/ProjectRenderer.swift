import Diffusion
import Foundation
import Imaging
import Project
import Storage

/// Renders the keyframes of a project's shots through the latent cache into `<project>/frames/<id>.png`.
///
/// A shot whose render key is cached costs no denoiser call; a frame file that already holds this render (its
/// embedded record matches) is not rewritten either, so an unchanged project re-renders in milliseconds.
public final class ProjectRenderer {
    public let folder: String
    public let project: Project
    public let cache: LatentCache
    /// Initial latent noise to use instead of the seed's (`render --noise`): reproduces another tool's image.
    public var initialNoise: [Float]?

    public init(folder: String, project: Project) {
        self.folder = folder
        self.project = project
        self.cache = LatentCache(projectFolder: folder, limitMB: project.cacheLimitMB)
    }

    /// Frames folder inside the project.
    public var framesFolder: String { folder + "/frames" }

    /// Renders `shots` in order. Throws `CancellationError` when `cancel` is set between steps.
    public func render(_ shots: [Shot], cancel: CancellationFlag? = nil,
                       onEvent: (RenderEvent) -> Void = { _ in }) throws -> [ShotRenderResult] {
        var results: [ShotRenderResult] = []
        for (index, shot) in shots.enumerated() {
            onEvent(.shotStarted(id: shot.id, index: index, total: shots.count))
            let result = try render(shot, cancel: cancel, onEvent: onEvent)
            results.append(result)
            onEvent(.shotFinished(result))
        }
        return results
    }

    /// The render key a shot has now, without rendering it.
    public func key(for shot: Shot) throws -> RenderKey {
        let settings = project.renderSettings(for: shot)
        let model = try ModelRegistry.model(for: settings, relativeTo: folder)
        let prepared = try model.prepare(prompt: shot.prompt, negative: settings.negative, guidance: settings.guidance,
                                         width: settings.width, height: settings.height)
        return try key(shot: shot, settings: settings, model: model, prepared: prepared)
    }

    /// What an img2img shot starts from: itself with its composition prompt, prepared and keyed; nil for others.
    func compositionSource(of shot: Shot, settings: RenderSettings, model: any ShotModel) throws
        -> (shot: Shot, prepared: any PreparedPrompt, key: RenderKey, strength: Double)? {
        guard let prompt = shot.compositionPrompt, let strength = shot.strength else { return nil }
        var source = shot
        source.prompt = prompt
        source.compositionPrompt = nil
        source.strength = nil
        let prepared = try model.prepare(prompt: source.prompt, negative: settings.negative, guidance: settings.guidance,
                                         width: settings.width, height: settings.height)
        return (source, prepared, try key(shot: source, settings: settings, model: model, prepared: prepared), strength)
    }

    func key(shot: Shot, settings: RenderSettings, model: any ShotModel, prepared: any PreparedPrompt) throws -> RenderKey {
        let composition = try compositionSource(of: shot, settings: settings, model: model).map { ($0.key, $0.strength) }
        return RenderKey(modelID: model.id, weightsDigest: model.weightsDigest, implementation: model.implementation,
                  conditioning: prepared.conditioningKey, seed: shot.seed, variationSeed: shot.variationSeed,
                  variationStrength: shot.variationStrength, sampler: settings.sampler, schedule: settings.schedule,
                  steps: settings.steps, guidance: model.usesGuidance ? settings.guidance : nil,
                  width: settings.width, height: settings.height,
                  initialNoise: initialNoise.map { values in values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) } },
                  loras: model.loraKeys, composition: composition)
    }

    /// Renders one shot: cache lookup, sampling on a miss, frame written unless already current.
    public func render(_ shot: Shot, cancel: CancellationFlag? = nil,
                       onEvent: (RenderEvent) -> Void = { _ in }) throws -> ShotRenderResult {
        let started = Date()
        do {
            try FileManager.default.createDirectory(atPath: framesFolder, withIntermediateDirectories: true)
        } catch {
            throw RenderError("cannot create \(framesFolder): \(error.localizedDescription)")
        }
        let settings = project.renderSettings(for: shot)
        let model = try ModelRegistry.model(for: settings, relativeTo: folder)
        let prepared = try model.prepare(prompt: shot.prompt, negative: settings.negative, guidance: settings.guidance,
                                         width: settings.width, height: settings.height)
        let key = try key(shot: shot, settings: settings, model: model, prepared: prepared)
        let relativePNG = "frames/\(shot.id).png"
        let pngPath = folder + "/" + relativePNG
        let chunks = Provenance.chunks(shot: shot, settings: settings, model: model, key: key)

        let (latent, calls, sampled) = try obtainLatent(shot: shot, settings: settings, model: model, prepared: prepared,
                                                        key: key, cancel: cancel, onEvent: onEvent)
        let status: ShotRenderResult.Status = sampled ? .rendered : .cached

        var wrote = false
        if !Self.frameIsCurrent(at: pngPath, chunks: chunks) {
            let frame = try prepared.decode(latent: latent, width: settings.width, height: settings.height)
            let png: [UInt8]
            do {
                png = try PNGEncoder.encode(frame, text: chunks)
            } catch {
                throw RenderError("cannot encode the frame of shot '\(shot.id)': \(error)")
            }
            do {
                try AtomicFile.write(png, to: pngPath)
            } catch {
                throw RenderError("cannot write \(pngPath): \(error.reason)")
            }
            wrote = true
        }
        return ShotRenderResult(shotID: shot.id, status: status, key: key, png: relativePNG, denoiserCalls: calls,
                                wroteFrame: wrote, seconds: Date().timeIntervalSince(started))
    }

    /// The shot's latent from the cache, or sampled (and stored) on a miss; an img2img shot first obtains the latent
    /// it starts from the same way. Returns the denoiser calls made and whether anything was sampled.
    func obtainLatent(shot: Shot, settings: RenderSettings, model: any ShotModel, prepared: any PreparedPrompt, key: RenderKey,
                      cancel: CancellationFlag?, onEvent: (RenderEvent) -> Void) throws -> (latent: [Float], calls: Int, sampled: Bool) {
        if let cached = cache.latent(for: key, onCorrupt: { path, problem in
            onEvent(.warning("cache entry \(path) \(problem); rendering shot '\(shot.id)' again"))
        }) {
            return (cached, 0, false)
        }
        if let initialNoise, initialNoise.count != prepared.latentCount {
            throw RenderError("the noise file holds \(initialNoise.count) values; shot '\(shot.id)' needs \(prepared.latentCount) (its latent at \(settings.width)×\(settings.height))")
        }
        var calls = 0
        var composition: (latent: [Float], strength: Double)? = nil
        if let source = try compositionSource(of: shot, settings: settings, model: model) {
            let start = try obtainLatent(shot: source.shot, settings: settings, model: model, prepared: source.prepared,
                                         key: source.key, cancel: cancel, onEvent: onEvent)
            calls += start.calls
            composition = (start.latent, source.strength)
        }
        let sampled = try Self.sample(prepared: prepared, shot: shot, settings: settings, cancel: cancel,
                                      initialNoise: initialNoise, composition: composition) { step, total, denoised in
            onEvent(.step(id: shot.id, step: step, of: total, denoised: denoised))
        }
        do {
            try cache.store(sampled.latent, for: key)
        } catch {
            onEvent(.warning("could not write the render cache (\(error)); frames are still written"))
        }
        return (sampled.latent, calls + sampled.calls, true)
    }

    /// Samples a latent for a shot from its seed's noise. Shared by renders, variants and benchmarks.
    public static func sample(prepared: any PreparedPrompt, shot: Shot, settings: RenderSettings,
                              cancel: CancellationFlag? = nil, initialNoise: [Float]? = nil,
                              composition: (latent: [Float], strength: Double)? = nil,
                              onStep: (Int, Int, [Float]) -> Void = { _, _, _ in }) throws -> (latent: [Float], calls: Int) {
        let sigmas = prepared.sigmas(steps: settings.steps, schedule: settings.schedule, sampler: settings.sampler)
        let count = prepared.latentCount
        let initial = initialNoise ?? GaussianNoise.initial(seed: UInt64(shot.seed), variationSeed: shot.variationSeed.map(UInt64.init),
                                           variationStrength: shot.variationStrength ?? 0, count: count)
        // img2img runs the tail of the schedule from the source latent noised to that step's level with the
        // shot's own noise; ancestral noise streams stay those of the full run.
        var first = 0
        var start = initial.map { $0 * sigmas[0] }
        if let composition {
            let steps = sigmas.count - 1
            first = steps - max(1, min(steps, Int((Double(steps) * composition.strength).rounded())))
            start = zip(composition.latent, initial).map { $0 + $1 * sigmas[first] }
        }
        let denoiser = CountingDenoiser(AnyDenoiser(prepared.makeDenoiser()))
        let latent = try Sampling.sample(settings.sampler, denoiser: denoiser, x: start, sigmas: Array(sigmas[first...]),
                                         noise: GaussianNoise(seed: UInt64(shot.seed)), streamOffset: first) { step in
            if cancel?.isCancelled == true { throw CancellationError() }
            onStep(step.index, step.total, step.denoised)
        }
        return (latent, denoiser.calls)
    }

    /// Whether the PNG at `path` already carries exactly these provenance chunks (so it holds this render).
    static func frameIsCurrent(at path: String, chunks: [PNGTextChunk]) -> Bool {
        guard let bytes = try? FileReader.read(path, limit: 256 << 20),
              let existing = try? PNGChunkReader.textChunks(bytes) else { return false }
        return existing.map { [$0.keyword, $0.text] } == chunks.map { [$0.keyword, $0.text] }
    }
}

/// Type-erases a denoiser so generic wrappers can hold one.
struct AnyDenoiser: Denoiser {
    let base: any Denoiser
    init(_ base: any Denoiser) { self.base = base }
    func denoise(_ x: [Float], sigma: Float) throws -> [Float] { try base.denoise(x, sigma: sigma) }
}
