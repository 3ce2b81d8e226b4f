import Foundation
import Project
import Testing
import TestSupport
@testable import Render

/// img2img from a cached latent: `composition_prompt` + `strength` keep an earlier render's layout and re-run
/// only the tail of the schedule with the new prompt.
@Suite struct CompositionTests {
    func project(strength: Double?, prompt: String = "wide shot of a horse on the beach at sunset") -> Project {
        var p = Project(title: "Composition", width: 256, height: 144)
        p.defaults.steps = 20
        p.defaults.sampler = .euler
        var shot = Shot(id: "a", prompt: prompt, seed: 5, duration: 2)
        if let strength {
            shot.compositionPrompt = "wide shot of a horse on the beach at sunset"
            shot.strength = strength
        }
        p.shots = [shot]
        return p
    }

    func render(_ p: Project, in folder: TestFolder) throws -> ShotRenderResult {
        try ProjectRenderer(folder: folder.path, project: p).render(p.shots[0])
    }

    func latent(_ result: ShotRenderResult, in folder: TestFolder) throws -> [Float] {
        try #require(LatentCache(projectFolder: folder.path, limitMB: 1024).latent(for: result.key))
    }

    @Test func onlyTheTailIsDenoisedOnceTheSourceIsCached() throws {
        let folder = TestFolder()
        let plain = try render(project(strength: nil), in: folder)
        #expect(plain.denoiserCalls == 20)
        // The source render is the plain shot itself, already cached: only half the schedule runs.
        let half = try render(project(strength: 0.5, prompt: "wide shot of a horse on the beach at night"), in: folder)
        #expect(half.status == .rendered && half.denoiserCalls == 10)
        let again = try render(project(strength: 0.5, prompt: "wide shot of a horse on the beach at night"), in: folder)
        #expect(again.status == .cached && again.denoiserCalls == 0)
        let less = try render(project(strength: 0.25, prompt: "wide shot of a horse on the beach at night"), in: folder)
        #expect(less.denoiserCalls == 5 && less.key != half.key)
    }

    @Test func aMissingSourceIsRenderedFirst() throws {
        let folder = TestFolder()
        let result = try render(project(strength: 0.3, prompt: "wide shot of a horse on the beach at dawn"), in: folder)
        #expect(result.denoiserCalls == 20 + 6)
        // The source landed in the cache under the plain shot's key.
        let plain = try ProjectRenderer(folder: folder.path, project: project(strength: nil)).key(for: project(strength: nil).shots[0])
        #expect(LatentCache(projectFolder: folder.path, limitMB: 1024).latent(for: plain) != nil)
    }

    @Test func lowStrengthStaysCloserToTheSourceThanAFreshRender() throws {
        let folder = TestFolder()
        let source = try latent(try render(project(strength: nil), in: folder), in: folder)
        let night = "wide shot of a horse on the beach at night"
        let fresh = try latent(try render(project(strength: nil, prompt: night), in: folder), in: folder)
        let kept = try latent(try render(project(strength: 0.2, prompt: night), in: folder), in: folder)
        func distance(_ a: [Float], _ b: [Float]) -> Double { zip(a, b).reduce(0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) } }
        #expect(distance(kept, source) < distance(fresh, source))
    }

    @Test func strengthWithoutACompositionPromptIsRejected() throws {
        let text = """
            title = "x"
            [[shot]]
            id = "a"
            prompt = "a horse"
            strength = 0.5
            """
        #expect(throws: ProjectError.self) { try ProjectDecoder.decode(text, file: "storyboard.toml") }
    }
}
