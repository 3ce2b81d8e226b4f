import Diffusion
import Foundation
import Imaging
import Project
import SD
#if canImport(Glibc)
import Glibc
#endif

/// Video-model clips: a shot with a `motion_model` is animated by AnimateDiff in 16-frame windows (see
/// `VideoWindows`), each window cached on its own, the drawings decoded from the blended windows.
extension ProjectRenderer {
    /// Bump when the video code changes what it computes.
    static let videoImplementation = "animatediff-cpu/1"

    /// The checkpoint and motion module of a shot that names a motion model; nil for other shots.
    func videoParts(settings: RenderSettings, model: any ShotModel) throws -> (model: SDShotModel, motion: MotionAdapter)? {
        guard let path = settings.motionModel else { return nil }
        guard let sd = model as? SDShotModel else {
            throw RenderError("motion_model '\(path)' needs a Stable Diffusion 1.x model (model = \"sd:PATH\"); this shot's model is '\(model.id)'")
        }
        return (sd, try models.motionAdapter(path, for: sd, relativeTo: folder))
    }

    /// The identity of a shot's video clip.
    func videoClipKey(_ key: RenderKey, settings: RenderSettings, motion: MotionAdapter, drawingsPerSecond: Int) -> RenderKey {
        RenderKey(videoOf: key, motionDigest: motion.fingerprint, from: settings.motionFrom.rawValue,
                  strength: settings.motionStrength, drawingsPerSecond: drawingsPerSecond, implementation: Self.videoImplementation,
                  noise: initialVideoNoise.map { values in values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) } })
    }

    /// What drawing `i`'s provenance names as its clip: the clip and the windows it was blended from.
    static func videoDrawingKey(_ i: Int, plan: VideoWindows, clip: RenderKey) -> RenderKey {
        RenderKey("drawing-windows", plan.contributions(i).map(\.window), of: clip)
    }

    /// The provenance chunks of every drawing of a video clip.
    func videoDrawingChunks(shot: Shot, settings: RenderSettings, model: SDShotModel, key: RenderKey, clip: RenderKey,
                            plan: VideoWindows, drawingsPerSecond rate: Int) -> [[PNGTextChunk]] {
        (0..<plan.drawings).map { i in
            Provenance.drawingChunks(shot: shot, settings: settings, model: model, key: key,
                                     clip: Self.videoDrawingKey(i, plan: plan, clip: clip), drawing: i, drawingsPerSecond: rate)
        }
    }

    /// Writes the drawings of a video clip that are not already on disk as this clip's, sampling only the windows
    /// those drawings need and are not cached.
    func renderVideoClip(shot: Shot, settings: RenderSettings, model: SDShotModel, motion: MotionAdapter, prepared: PreparedSD,
                         key: RenderKey, latent: [Float], cancel: CancellationFlag?, onEvent: (RenderEvent) -> Void) throws -> ClipInfo {
        let rate = project.drawingsPerSecond(for: shot)
        let count = project.drawingCount(for: shot)
        let plan = VideoWindows(drawings: count)
        let clipKey = videoClipKey(key, settings: settings, motion: motion, drawingsPerSecond: rate)
        var info = ClipInfo(drawings: count, drawingsPerSecond: rate, folder: "clips/\(shot.id)", key: clipKey, wroteDrawings: 0)
        try prepareClipFolder(info)
        let chunks = videoDrawingChunks(shot: shot, settings: settings, model: model, key: key, clip: clipKey, plan: plan,
                                        drawingsPerSecond: rate)
        let stale = staleDrawings(info, chunks: chunks)
        guard !stale.isEmpty else { return info }
        if let initialVideoNoise {
            let needed = VideoWindows.start(plan.count - 1) + VideoWindows.length
            guard initialVideoNoise.count >= needed * prepared.latentCount else {
                throw RenderError("the noise file holds \(initialVideoNoise.count / prepared.latentCount) frames; shot '\(shot.id)' needs \(needed) (\(plan.count) window\(plan.count == 1 ? "" : "s") of \(VideoWindows.length) for \(count) drawings)")
            }
        }
        var windows: [Int: [Float]] = [:]
        for k in Set(stale.flatMap { plan.contributions($0).map(\.window) }).sorted() {
            let sampled = try videoWindow(k, of: plan, clip: clipKey, shot: shot, settings: settings, model: model, motion: motion,
                                          prepared: prepared, keyLatent: latent, cancel: cancel, onEvent: onEvent)
            windows[k] = sampled.latents
            info.denoiserCalls += sampled.calls
        }
        let signer = try identity()
        let per = prepared.latentCount
        for i in stale {
            if cancel?.isCancelled == true { throw CancellationError() }
            var blended = [Float](repeating: 0, count: per)
            for part in plan.contributions(i) {
                let source = windows[part.window]!
                for j in 0..<per { blended[j] += part.weight * source[part.frame * per + j] }
            }
            let frame = try prepared.decode(latent: blended, width: settings.width, height: settings.height)
            try Self.writePNG(frame, chunks: chunks[i],
                              credentials: ShotCredentials.drawing(shot: shot, settings: settings, model: model, clip: clipKey, index: i),
                              signer: signer, to: folder + "/" + info.drawingPath(i), what: "drawing \(i + 1) of shot '\(shot.id)'")
        }
        info.wroteDrawings = stale.count
        onEvent(.clipFinished(id: shot.id, drawings: count, wrote: stale.count))
        return info
    }

    /// Window `k`'s final latents ([16, C, H, W], frame-major) from the cache, or sampled and stored.
    func videoWindow(_ k: Int, of plan: VideoWindows, clip: RenderKey, shot: Shot, settings: RenderSettings, model: SDShotModel,
                     motion: MotionAdapter, prepared: PreparedSD, keyLatent: [Float], cancel: CancellationFlag?,
                     onEvent: (RenderEvent) -> Void) throws -> (latents: [Float], calls: Int) {
        let frames = VideoWindows.length, per = prepared.latentCount
        let windowKey = RenderKey("window", [k], of: clip)
        if let cached = cache.latent(for: windowKey, onCorrupt: { path, problem in
            onEvent(.warning("cache entry \(path) \(problem); sampling window \(k + 1) of shot '\(shot.id)' again"))
        }), cached.count == frames * per {
            return (cached, 0)
        }
        let noise = (0..<frames).flatMap { videoFrameNoise(VideoWindows.start(k) + $0, seed: shot.seed, count: per) }
        let scheduler = model.model.scheduler.animateDiff()
        let sigmas = settings.sampler.usesLCMTimesteps && settings.schedule == .native
            ? scheduler.schedule.sigmas(steps: settings.steps, spacing: .lcm)
            : scheduler.sigmas(steps: settings.steps, schedule: settings.schedule)
        var first = 0
        var start = noise.map { $0 * sigmas[0] }
        if settings.motionFrom == .key {
            // Image-to-video: every frame starts as the key drawing noised to the strength's step, each with its own noise.
            let steps = sigmas.count - 1
            first = steps - max(1, min(steps, Int((Double(steps) * settings.motionStrength).rounded())))
            start = (0..<(frames * per)).map { keyLatent[$0 % per] + noise[$0] * sigmas[first] }
        }
        let denoiser = CountingDenoiser(VideoDenoiser(
            model: model.model, motion: motion, scheduler: scheduler, context: try model.model.embedding(for: prepared.ids),
            negativeContext: try model.model.embedding(for: prepared.negativeIDs), guidance: settings.guidance,
            latentShape: [frames] + prepared.latentShape.dropFirst()))
        let run = Array(sigmas[first...])
        let latents = try Sampling.sample(settings.sampler, denoiser: denoiser, x: start, sigmas: run,
                                          noise: GaussianNoise(seed: UInt64(shot.seed) &+ (UInt64(k + 1) << 32)),
                                          streamOffset: first,
                                          tcd: settings.sampler == .tcd ? scheduler.schedule.tcdPlan(sigmas: run) : nil) { step in
            if cancel?.isCancelled == true { throw CancellationError() }
            onEvent(.clipStep(id: shot.id, window: k, windows: plan.count, step: step.index, of: step.total, denoised: step.denoised))
        }
        do {
            try cache.store(latents, for: windowKey)
        } catch {
            onEvent(.warning("could not write the render cache (\(error)); drawings are still written"))
        }
        return (latents, denoiser.calls)
    }

    /// The initial noise of clip frame `f`: from the noise file when one was given, else the seed's frame stream
    /// (streams from 2⁴⁰ up, apart from the key drawing's stream 0 and the samplers' step streams).
    func videoFrameNoise(_ f: Int, seed: UInt32, count: Int) -> [Float] {
        if let initialVideoNoise { return Array(initialVideoNoise[(f * count)..<((f + 1) * count)]) }
        return GaussianNoise(seed: UInt64(seed)).values(stream: (1 << 40) + UInt64(f), count: count)
    }

    /// Whether every drawing of a shot's video clip is on disk as this clip's.
    func videoClipIsCurrent(shot: Shot, settings: RenderSettings, model: SDShotModel, motion: MotionAdapter, key: RenderKey) -> Bool {
        let rate = project.drawingsPerSecond(for: shot), count = project.drawingCount(for: shot)
        let plan = VideoWindows(drawings: count)
        let clipKey = videoClipKey(key, settings: settings, motion: motion, drawingsPerSecond: rate)
        let info = ClipInfo(drawings: count, drawingsPerSecond: rate, folder: "clips/\(shot.id)", key: clipKey, wroteDrawings: 0)
        let chunks = videoDrawingChunks(shot: shot, settings: settings, model: model, key: key, clip: clipKey, plan: plan,
                                        drawingsPerSecond: rate)
        return (0..<count).allSatisfy { Self.drawingIsCurrent(at: folder + "/" + info.drawingPath($0), chunks: chunks[$0]) }
    }
}
