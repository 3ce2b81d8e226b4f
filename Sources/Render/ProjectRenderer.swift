import Credentials
import Diffusion
import Foundation
import Imaging
import Project
import Storage
#if canImport(Glibc)
import Glibc
#endif

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
    /// A video clip's initial noise from a file instead of the seed's (`render --noise` with diffusers'
    /// [1, 4, F, H/8, W/8] latents), frame-major: frame f's latent is values[f·count ..< (f+1)·count].
    public var initialVideoNoise: [Float]?
    /// The identity that signs every picture's Content Credentials; nil: the user's, made on first use.
    public var signer: SigningIdentity?

    /// Where models come from: shared by every renderer of a command or studio session, so each checkpoint is
    /// loaded once.
    public let models: ModelRegistry

    /// `models` defaults to a registry of this renderer's own (a checkpoint is then loaded again for each renderer).
    public init(folder: String, project: Project, models: ModelRegistry = ModelRegistry()) {
        self.folder = folder
        self.project = project
        self.models = models
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
        let model = try models.model(for: settings, relativeTo: folder)
        let prepared = try model.prepare(prompt: shot.prompt, negative: settings.negative, guidance: settings.guidance,
                                         width: settings.width, height: settings.height)
        return try key(shot: shot, settings: settings, model: model, prepared: prepared)
    }

    /// Whether rendering `shot` would do nothing: its latent and its clip's motion are cached, and its frame and every
    /// drawing on disk are this render's. What a farm submit asks of every shot.
    public func isCurrent(_ shot: Shot) throws -> Bool {
        let settings = project.renderSettings(for: shot)
        let model = try models.model(for: settings, relativeTo: folder)
        let prepared = try model.prepare(prompt: shot.prompt, negative: settings.negative, guidance: settings.guidance,
                                         width: settings.width, height: settings.height)
        let key = try key(shot: shot, settings: settings, model: model, prepared: prepared)
        guard cache.contains(key),
              Self.frameIsCurrent(at: folder + "/frames/\(shot.id).png", chunks: Provenance.chunks(shot: shot, settings: settings, model: model, key: key))
        else { return false }
        if let video = try videoParts(settings: settings, model: model) {
            return videoClipIsCurrent(shot: shot, settings: settings, model: video.model, motion: video.motion, key: key)
        }
        let rate = project.drawingsPerSecond(for: shot)
        let clipKey = RenderKey(clipOf: key, drawingsPerSecond: rate, motion: shot.motion.rawValue, implementation: model.motionImplementation)
        guard shot.motion == .none || cache.contains(clipKey) else { return false }
        let still = shot.motion == .none || cache.latent(for: clipKey)?.isEmpty == true
        let count = still ? 1 : project.drawingCount(for: shot)
        let info = ClipInfo(drawings: count, drawingsPerSecond: rate, folder: "clips/\(shot.id)", key: clipKey, wroteDrawings: 0)
        return (0..<count).allSatisfy { i in
            Self.drawingIsCurrent(at: folder + "/" + info.drawingPath(i),
                                  chunks: Provenance.drawingChunks(shot: shot, settings: settings, model: model, key: key, clip: clipKey,
                                                                   drawing: i, drawingsPerSecond: rate))
        }
    }

    /// Samples a variant (the shot with another seed) into the cache only, as the studio's variants grid shows them;
    /// returns the denoiser calls made (0 when it was cached).
    public func renderVariant(_ shot: Shot, seed: UInt32, cancel: CancellationFlag? = nil) throws -> Int {
        var variant = shot
        variant.seed = seed
        let settings = project.renderSettings(for: variant)
        let model = try models.model(for: settings, relativeTo: folder)
        let prepared = try model.prepare(prompt: variant.prompt, negative: settings.negative, guidance: settings.guidance,
                                         width: settings.width, height: settings.height)
        let key = try key(shot: variant, settings: settings, model: model, prepared: prepared)
        return try obtainLatent(shot: variant, settings: settings, model: model, prepared: prepared, key: key, cancel: cancel) { _ in }.calls
    }

    /// Whether a variant of `shot` with `seed` is in the cache.
    public func variantIsCached(_ shot: Shot, seed: UInt32) throws -> Bool {
        var variant = shot
        variant.seed = seed
        return cache.contains(try key(for: variant))
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

    /// Renders one shot: cache lookup, sampling on a miss, frame written unless already current, then its clip's
    /// drawings. With `drawClip` false the clip is left for a later call (the studio shows key drawings first);
    /// the result's clip then has 0 drawings.
    public func render(_ shot: Shot, cancel: CancellationFlag? = nil, drawClip: Bool = true,
                       onEvent: (RenderEvent) -> Void = { _ in }) throws -> ShotRenderResult {
        let started = Date()
        do {
            try FileManager.default.createDirectory(atPath: framesFolder, withIntermediateDirectories: true)
        } catch {
            throw RenderError("cannot create \(framesFolder): \(error.localizedDescription)")
        }
        let settings = project.renderSettings(for: shot)
        let model = try models.model(for: settings, relativeTo: folder)
        let prepared = try model.prepare(prompt: shot.prompt, negative: settings.negative, guidance: settings.guidance,
                                         width: settings.width, height: settings.height)
        let key = try key(shot: shot, settings: settings, model: model, prepared: prepared)
        let relativePNG = "frames/\(shot.id).png"
        let pngPath = folder + "/" + relativePNG
        let chunks = Provenance.chunks(shot: shot, settings: settings, model: model, key: key)
        let credentials = ShotCredentials.frame(shot: shot, settings: settings, model: model, key: key)

        let (latent, calls, sampled) = try obtainLatent(shot: shot, settings: settings, model: model, prepared: prepared,
                                                        key: key, cancel: cancel, onEvent: onEvent)
        let status: ShotRenderResult.Status = sampled ? .rendered : .cached

        // The key drawing is decoded at most once: for the frame and for drawing 1 of the clip.
        var keyFrame: Frame? = nil
        func decodeKey() throws -> Frame {
            if let keyFrame { return keyFrame }
            let frame = try prepared.decode(latent: latent, width: settings.width, height: settings.height)
            keyFrame = frame
            onEvent(.keyFrame(id: shot.id, frame: frame))
            return frame
        }
        var wrote = false
        if !Self.frameIsCurrent(at: pngPath, chunks: chunks) {
            try Self.writePNG(try decodeKey(), chunks: chunks, credentials: credentials, signer: try identity(),
                              to: pngPath, what: "the frame of shot '\(shot.id)'")
            wrote = true
        }
        let video = try videoParts(settings: settings, model: model)
        let clip = !drawClip ? nil
            : try video.map { parts in
                try renderVideoClip(shot: shot, settings: settings, model: parts.model, motion: parts.motion,
                                    prepared: prepared as! PreparedSD, key: key, latent: latent, cancel: cancel, onEvent: onEvent)
            } ?? renderClip(shot: shot, settings: settings, model: model, prepared: prepared, key: key, latent: latent,
                            keyFrame: decodeKey, cancel: cancel, onEvent: onEvent)
        let shown = clip ?? ClipInfo(drawings: 0, drawingsPerSecond: project.drawingsPerSecond(for: shot), folder: "clips/\(shot.id)",
                       key: key, wroteDrawings: 0)
        return ShotRenderResult(shotID: shot.id, status: status, key: key, png: relativePNG, denoiserCalls: calls + shown.denoiserCalls,
                                wroteFrame: wrote, clip: shown, seconds: Date().timeIntervalSince(started))
    }

    /// The screen paths of a rendered shot's travelling subjects (points in 0...1 of the frame), for board arrows;
    /// empty for a still clip or when the cache no longer holds its latents.
    public func motionPaths(of shot: Shot, result: ShotRenderResult) throws -> [[(Double, Double)]] {
        guard result.clip.drawings > 1, let latent = cache.latent(for: result.key),
              let motion = cache.latent(for: result.clip.key), !motion.isEmpty else { return [] }
        let settings = project.renderSettings(for: shot)
        let model = try models.model(for: settings, relativeTo: folder)
        let prepared = try model.prepare(prompt: shot.prompt, negative: settings.negative, guidance: settings.guidance,
                                         width: settings.width, height: settings.height)
        return prepared.motionPaths(keyLatent: latent, motion: motion, drawings: result.clip.drawings,
                                    width: settings.width, height: settings.height)
    }

    /// The signing identity: the one set, else the user's (made on first use, so a new user needs no set-up).
    public func identity() throws -> SigningIdentity {
        if let signer { return signer }
        do {
            let identity = try CredentialStore.identity()
            signer = identity
            return identity
        } catch {
            throw RenderError("cannot sign Content Credentials: \(error)")
        }
    }

    /// Encodes, signs (Content Credentials in a `caBX` chunk) and atomically writes one PNG.
    static func writePNG(_ frame: Frame, chunks: [PNGTextChunk], credentials: CredentialContent, signer: SigningIdentity,
                         to path: String, what: String) throws {
        let png: [UInt8]
        do {
            png = try PNGCredentials.embed(try PNGEncoder.encode(frame, text: chunks), content: credentials, identity: signer)
        } catch {
            throw RenderError("cannot encode \(what): \(error)")
        }
        do {
            try AtomicFile.write(png, to: path)
        } catch {
            throw RenderError("cannot write \(path): \(error.reason)")
        }
    }

    /// The motion of a shot's clip, from the cache or computed from its key latent (and stored); nil for a clip that
    /// holds still.
    func motion(of shot: Shot, settings: RenderSettings, model: any ShotModel, prepared: any PreparedPrompt, latent: [Float],
                clipKey: RenderKey, onEvent: (RenderEvent) -> Void) -> [Float]? {
        guard shot.motion == .auto else { return nil }
        let cached = cache.latent(for: clipKey, onCorrupt: { path, problem in
            onEvent(.warning("cache entry \(path) \(problem); computing the motion of shot '\(shot.id)' again"))
        })
        // A still clip is cached as an empty entry.
        if let cached, cached.isEmpty { return nil }
        if let cached, let motion = prepared.verifiedMotion(cached) { return motion }
        let motion = prepared.motion(keyLatent: latent, seed: shot.seed, drawingsPerSecond: project.drawingsPerSecond(for: shot),
                                     width: settings.width, height: settings.height)
        do {
            try cache.store(motion ?? [], for: clipKey)
        } catch {
            onEvent(.warning("could not write the render cache (\(error)); drawings are still written"))
        }
        return motion
    }

    /// Writes the drawings of a shot's clip that are not already on disk as this clip's, and removes drawings past
    /// its end (a shortened shot). Drawings are independent, so they are drawn side by side.
    func renderClip(shot: Shot, settings: RenderSettings, model: any ShotModel, prepared: any PreparedPrompt, key: RenderKey,
                    latent: [Float], keyFrame: () throws -> Frame, cancel: CancellationFlag?,
                    onEvent: (RenderEvent) -> Void) throws -> ClipInfo {
        let rate = project.drawingsPerSecond(for: shot)
        let clipKey = RenderKey(clipOf: key, drawingsPerSecond: rate, motion: shot.motion.rawValue,
                                implementation: model.motionImplementation)
        let motion = self.motion(of: shot, settings: settings, model: model, prepared: prepared, latent: latent,
                                 clipKey: clipKey, onEvent: onEvent)
        let count = motion == nil ? 1 : project.drawingCount(for: shot)
        var info = ClipInfo(drawings: count, drawingsPerSecond: rate, folder: "clips/\(shot.id)", key: clipKey, wroteDrawings: 0)
        try prepareClipFolder(info)
        let chunks = (0..<count).map { i in
            Provenance.drawingChunks(shot: shot, settings: settings, model: model, key: key, clip: clipKey, drawing: i,
                                     drawingsPerSecond: rate)
        }
        let stale = staleDrawings(info, chunks: chunks)
        guard !stale.isEmpty else { return info }
        let first = try keyFrame()
        let signer = try identity()
        let credentials = stale.map { i in
            ShotCredentials.drawing(shot: shot, settings: settings, model: model, clip: clipKey, index: i)
        }
        let failures = FailureList()
        // The prepared prompt only reads its plan while drawing; each drawing has its own canvas.
        let work = UncheckedSendable((prepared: prepared, latent: latent, motion: motion ?? [], first: first, chunks: chunks,
                                      credentials: credentials, signer: signer,
                                      paths: stale.map { folder + "/" + info.drawingPath($0) }, settings: settings))
        let shotID = shot.id
        DispatchQueue.concurrentPerform(iterations: stale.count) { n in
            let i = stale[n], w = work.value
            if cancel?.isCancelled == true { failures.append(CancellationError()); return }
            do {
                let frame = i == 0 ? w.first : try w.prepared.decodeDrawing(i, keyLatent: w.latent, motion: w.motion,
                                                                             width: w.settings.width, height: w.settings.height)
                try Self.writePNG(frame, chunks: w.chunks[i], credentials: w.credentials[n], signer: w.signer, to: w.paths[n],
                                  what: "drawing \(i + 1) of shot '\(shotID)'")
            } catch {
                failures.append(error)
            }
        }
        if let error = failures.first { throw error }
        info.wroteDrawings = stale.count
        onEvent(.clipFinished(id: shot.id, drawings: count, wrote: stale.count))
        return info
    }

    /// Makes a clip's folder and removes drawings past its end (a shortened shot).
    func prepareClipFolder(_ info: ClipInfo) throws {
        let path = folder + "/" + info.folder
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw RenderError("cannot create \(path): \(error.localizedDescription)")
        }
        Self.removeDrawings(in: path, from: info.drawings)
    }

    /// The drawings of a clip not on disk as these chunks say, in order.
    func staleDrawings(_ info: ClipInfo, chunks: [[PNGTextChunk]]) -> [Int] {
        (0..<info.drawings).filter { !Self.drawingIsCurrent(at: folder + "/" + info.drawingPath($0), chunks: chunks[$0]) }
    }

    /// Removes `NNNN.png` drawings numbered past `count` from a clip folder.
    static func removeDrawings(in path: String, from count: Int) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names where name.hasSuffix(".png") && name.count == 8 {
            if let n = Int(name.prefix(4)), n > count { unlink(path + "/" + name) }
        }
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
        let run = Array(sigmas[first...])
        let latent = try Sampling.sample(settings.sampler, denoiser: denoiser, x: start, sigmas: run,
                                         noise: GaussianNoise(seed: UInt64(shot.seed)), streamOffset: first,
                                         tcd: settings.sampler == .tcd ? prepared.tcdPlan(sigmas: run) : nil) { step in
            if cancel?.isCancelled == true { throw CancellationError() }
            onStep(step.index, step.total, step.denoised)
        }
        return (latent, denoiser.calls)
    }

    /// Whether the clip drawing at `path` already carries exactly these chunks and ends whole. A re-render of an
    /// unchanged board looks at hundreds of drawings, so only each file's head (its text chunks come before the
    /// pixels) and its last chunk are read; drawings are only ever replaced whole, by rename.
    static func drawingIsCurrent(at path: String, chunks: [PNGTextChunk]) -> Bool {
        let iend: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
        guard let (head, tail) = try? FileReader.readEnds(path, head: 16 << 10, tail: 12), tail == iend,
              let existing = try? PNGChunkReader.textChunks(head, stopAtImageData: true),
              PNGCredentials.hasCredentials(head) else { return false }
        return existing.map { [$0.keyword, $0.text] } == chunks.map { [$0.keyword, $0.text] }
    }

    /// Whether the PNG at `path` already carries exactly these provenance chunks (so it holds this render) and
    /// Content Credentials. The credentials' signature differs on every signing (ECDSA is randomized), so they are
    /// not compared: a frame that holds this render keeps the credentials it was first signed with.
    static func frameIsCurrent(at path: String, chunks: [PNGTextChunk]) -> Bool {
        guard let bytes = try? FileReader.read(path, limit: 256 << 20),
              let existing = try? PNGChunkReader.textChunks(bytes), PNGCredentials.hasCredentials(bytes) else { return false }
        return existing.map { [$0.keyword, $0.text] } == chunks.map { [$0.keyword, $0.text] }
    }
}

/// A value handed to concurrent work that only reads it.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Errors collected from concurrent work.
final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []

    func append(_ error: any Error) {
        lock.lock(); defer { lock.unlock() }
        errors.append(error)
    }

    var first: (any Error)? { lock.lock(); defer { lock.unlock() }; return errors.first }
    var count: Int { lock.lock(); defer { lock.unlock() }; return errors.count }
}

/// Type-erases a denoiser so generic wrappers can hold one.
struct AnyDenoiser: Denoiser {
    let base: any Denoiser
    init(_ base: any Denoiser) { self.base = base }
    func denoise(_ x: [Float], sigma: Float) throws -> [Float] { try base.denoise(x, sigma: sigma) }
}
