import Diffusion
import Digest
import Imaging

/// Everything the sketch model needs to render one prompt: the scene, its layout mixture and denoiser, and the
/// decoder from latents to frames.
public struct SketchPlan: Sendable {
    /// What the prompt said (nulls where silent), for `explain`.
    public let scene: Scene
    /// What the frame will show.
    public let resolved: ResolvedScene
    let mixture: LayoutMixture

    public init(prompt: String, negative: String = "", vocabulary: OpenVocabulary = .shared) {
        scene = PromptCompiler.compile(prompt, negative: negative, vocabulary: vocabulary)
        resolved = ResolvedScene(scene)
        mixture = LayoutMixture(scene: resolved)
    }

    /// Number of floats in a latent.
    public var latentCount: Int { mixture.schema.count }

    /// The exact mixture denoiser for this scene.
    public var denoiser: MixtureDenoiser { MixtureDenoiser(mixture: mixture) }

    /// Canonical bytes of the conditioning: prompts that resolve to the same scene share a render key.
    public var conditioningKey: [UInt8] { Array(resolved.canonicalText.utf8) }

    /// The layout a latent decodes to.
    public func layout(latent: [Float], width: Int, height: Int) -> SketchLayout {
        Framing(scene: resolved, schema: mixture.schema).layout(latent: latent, width: width, height: height)
    }

    /// Draws the frame for a latent (final or an intermediate x0 preview).
    public func frame(latent: [Float], width: Int, height: Int) -> Frame {
        SketchDecoder.draw(layout(latent: latent, width: width, height: height), width: width, height: height)
    }

    /// The motion of a clip from the key drawing's latent: each subject's track for the shot's seed and drawing rate.
    public func clip(latent: [Float], seed: UInt32, drawingsPerSecond: Int, width: Int, height: Int) -> SketchClip {
        let key = layout(latent: latent, width: width, height: height)
        let planned = SketchClip(drawingsPerSecond: drawingsPerSecond,
                                 tracks: MotionPlanner.tracks(for: key, scene: resolved, seed: seed, drawingsPerSecond: drawingsPerSecond))
        // Rounded through the cached form, so a clip drawn cold and one read from the cache are the same clip.
        return SketchClip(values: planned.values, subjectCount: key.subjects.count) ?? planned
    }

    /// Drawing `index` (0-based; 0 is the key drawing) of a clip.
    public func drawing(_ index: Int, latent: [Float], clip: SketchClip, width: Int, height: Int) -> Frame {
        let key = layout(latent: latent, width: width, height: height)
        return SketchDecoder.draw(clip.layout(key, drawing: index), width: width, height: height)
    }

    /// Each moving subject's path on screen over `drawings` drawings, as points in 0...1 of the frame (x right, y
    /// down) at its middle height, for the motion arrows of boards. Subjects that do not travel have no path.
    public func motionPaths(latent: [Float], clip: SketchClip, drawings: Int, width: Int, height: Int) -> [[(Double, Double)]] {
        let key = layout(latent: latent, width: width, height: height)
        var paths: [[(Double, Double)]] = []
        for (j, track) in clip.tracks.enumerated() where j < key.subjects.count && track.speed > 0 {
            let samples = Swift.max(2, Swift.min(drawings, 24))
            var points: [(Double, Double)] = []
            for k in 0..<samples {
                let i = (drawings - 1) * k / (samples - 1)
                let s = track.apply(to: key.subjects[j], drawing: i, drawingsPerSecond: clip.drawingsPerSecond)
                let middle = s.elevation + 0.5 * s.kind.size.height * s.scale
                if let p = key.camera.project(x: s.x, y: middle, z: s.z, width: Double(width), height: Double(height)) {
                    points.append((p.x / Double(width), p.y / Double(height)))
                }
            }
            if points.count >= 2 { paths.append(points) }
        }
        return paths
    }

    /// Index of the layout variant a latent belongs to (for tests and `explain`).
    public func variant(of latent: [Float]) -> Int { mixture.nearestComponent(latent) }
}
