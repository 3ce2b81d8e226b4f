import Diffusion
import Foundation
import Testing
@testable import Sketch

@Suite struct SketchPlanTests {
    func sample(_ plan: SketchPlan, seed: UInt64, sampler: Sampler = .dpmpp2m) throws -> [Float] {
        let sigmas = SketchModel.sigmas(steps: 20, schedule: .karras)
        let noise = GaussianNoise(seed: seed)
        let start = noise.values(stream: 0, count: plan.latentCount).map { $0 * sigmas[0] }
        return try Sampling.sample(sampler, denoiser: plan.denoiser, x: start, sigmas: sigmas, noise: noise)
    }

    @Test func sameSeedSameLatent() throws {
        let plan = SketchPlan(prompt: "wide shot of a white horse galloping on the beach at sunset")
        #expect(try sample(plan, seed: 9) == sample(SketchPlan(prompt: "wide shot of a white horse galloping on the beach at sunset"), seed: 9))
    }

    @Test func seedsPickDifferentLayouts() throws {
        let plan = SketchPlan(prompt: "a woman and a dog in the park")
        var variants = Set<Int>()
        for seed in 0..<16 { variants.insert(plan.variant(of: try sample(plan, seed: UInt64(seed)))) }
        #expect(variants.count >= 6, "only \(variants.count) layouts from 16 seeds")
    }

    @Test func samplesLandInsideTheirLayout() throws {
        // A finished latent sits within a few standard deviations of its layout's mean in every dimension.
        let plan = SketchPlan(prompt: "two cars on a road at night")
        for seed in 0..<6 {
            for sampler in Sampler.allCases {
                let latent = try sample(plan, seed: UInt64(seed), sampler: sampler)
                let k = plan.variant(of: latent)
                for i in latent.indices {
                    let z = abs(Double(latent[i]) - plan.mixture.means[k][i]) / plan.mixture.deviations[k][i]
                    #expect(z < 5, "seed \(seed) \(sampler) dim \(i): \(z) deviations out")
                }
            }
        }
    }

    @Test func equivalentPromptsShareConditioning() {
        #expect(SketchPlan(prompt: "A horse on the beach.").conditioningKey == SketchPlan(prompt: "a horse, beach").conditioningKey)
        #expect(SketchPlan(prompt: "a horse on the beach").conditioningKey != SketchPlan(prompt: "a dog on the beach").conditioningKey)
    }

    /// Where a subject's top and base land on screen, projected independently of the decoder.
    func screenSpan(_ layout: SketchLayout, _ s: LaidOutSubject, width: Double = 1024, height: Double = 576) -> (top: Double, bottom: Double) {
        let h = s.kind.size.height * s.scale
        let base = layout.camera.project(x: s.x, y: s.elevation, z: s.z, width: width, height: height)!
        let top = layout.camera.project(x: s.x, y: s.elevation + h, z: s.z, width: width, height: height)!
        return (top.y, base.y)
    }

    @Test func fullShotFitsTheFigureAndCloseUpPutsEyesOnTheUpperThird() throws {
        let full = SketchPlan(prompt: "full shot of a man standing in the park")
        let fullLayout = full.layout(latent: try sample(full, seed: 1), width: 1024, height: 576)
        let span = screenSpan(fullLayout, fullLayout.subjects[0])
        #expect(span.top > 0 && span.bottom < 576, "figure leaves the frame: \(span)")
        #expect((span.bottom - span.top) / 576 > 0.65, "figure too small: \(span)")

        let close = SketchPlan(prompt: "close-up of a woman in an office")
        let layout = close.layout(latent: try sample(close, seed: 2), width: 1024, height: 576)
        let s = layout.subjects[0]
        let eyes = layout.camera.project(x: s.x, y: 0.93 * s.kind.size.height * s.scale, z: s.z, width: 1024, height: 576)!
        #expect(abs(eyes.y - 576.0 / 3) < 20, "eyes at \(eyes.y)")
        #expect(screenSpan(layout, s).bottom > 576 * 2, "a close-up should crop the body")
    }

    @Test func anglesMoveTheCamera() throws {
        func camera(_ prompt: String) throws -> CameraPose {
            let plan = SketchPlan(prompt: prompt)
            return plan.layout(latent: try sample(plan, seed: 3), width: 1024, height: 576).camera
        }
        let eye = try camera("full shot of a man, eye level"), low = try camera("full shot of a man, low angle")
        let high = try camera("full shot of a man, high angle"), top = try camera("full shot of a man, overhead")
        #expect(low.height < eye.height && low.pitch > 0)
        #expect(high.height > eye.height && high.pitch < 0)
        #expect(abs(top.pitch + .pi / 2) < 1e-9)
    }
}
