import Diffusion
import Foundation
import Imaging
import Project
import Testing
import TestSupport
@testable import Render

/// The registry is a value the caller owns: models can be injected, and loaded checkpoints freed.
@Suite struct ModelRegistryTests {
    /// A model that draws every shot in one flat colour and counts its denoiser calls.
    final class FlatModel: ShotModel, @unchecked Sendable {
        let id = "sd:/injected/flat"
        var weightsDigest: String { "flat" }
        var implementation: String { "flat/1" }
        var usesGuidance: Bool { false }
        let calls = Counter()

        final class Counter: @unchecked Sendable {
            var value = 0
        }

        struct Prepared: PreparedPrompt {
            let calls: Counter
            var conditioningKey: [UInt8] { Array("flat".utf8) }
            var latentCount: Int { 4 }
            func sigmas(steps: Int, schedule: Schedule) -> [Float] { Sigmas.karras(steps: steps, sigmaMin: 0.1, sigmaMax: 10) }
            func makeDenoiser() -> any Denoiser { Zero(calls: calls) }
            func decode(latent: [Float], width: Int, height: Int) throws -> Frame {
                Frame(width: width, height: height, fill: (r: 10, g: 200, b: 30, a: 255))
            }
        }

        struct Zero: Denoiser {
            let calls: Counter
            func denoise(_ x: [Float], sigma: Float) throws -> [Float] {
                calls.value += 1
                return [Float](repeating: 0, count: x.count)
            }
        }

        func prepare(prompt: String, negative: String, guidance: Double, width: Int, height: Int) throws -> any PreparedPrompt {
            Prepared(calls: calls)
        }
    }

    @Test func anInjectedModelRendersInsteadOfALoadedOne() throws {
        let folder = TestFolder()
        let models = ModelRegistry()
        let flat = FlatModel()
        models.register(flat)
        var project = Project(title: "Injected", width: 64, height: 64, model: flat.id)
        project.defaults.steps = 3
        project.shots = [Shot(id: "a", prompt: "anything", seed: 1)]
        let result = try ProjectRenderer(folder: folder.path, project: project, models: models).render(project.shots[0])
        #expect(result.denoiserCalls == 3 && flat.calls.value == 3)
        let frame = try PNGDecoder.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + result.png)))).frame
        #expect(Array(frame.pixels.prefix(4)) == [10, 200, 30, 255])
        // Another registry does not know it: the path does not exist, so loading it fails, naming it.
        #expect(throws: RenderError.self) { try ModelRegistry().model(for: flat.id) }
    }

    @Test func unloadFreesLoadedCheckpoints() throws {
        let models = ModelRegistry()
        let spec = "sd:" + repositoryRoot + "/Tests/SDTests/Fixtures/tiny-sd1"
        let first = try #require(try models.model(for: spec) as? SDShotModel)
        #expect(try models.model(for: spec) as? SDShotModel === first)
        models.unload()
        let second = try #require(try models.model(for: spec) as? SDShotModel)
        #expect(second !== first)
    }
}
