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

    public init(prompt: String, negative: String = "") {
        scene = PromptCompiler.compile(prompt, negative: negative)
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

    /// Index of the layout variant a latent belongs to (for tests and `explain`).
    public func variant(of latent: [Float]) -> Int { mixture.nearestComponent(latent) }
}
