import Testing
@testable import Sketch

/// A thing someone holds travels with them through the clip.
@Suite struct HeldThingMotionTests {
    @Test func aHeldUmbrellaWalksWithItsHolder() throws {
        let plan = SketchPlan(prompt: "a woman walking from left to right holding a red umbrella on a city street")
        #expect(plan.resolved.subjects.map(\.kind) == [.woman, .umbrella])
        #expect(plan.resolved.subjects[0].relation == SubjectRelation(.holding, target: 1))
        let latent = plan.mixture.means[0].map(Float.init)
        let clip = plan.clip(latent: latent, seed: 3, drawingsPerSecond: 12, width: 384, height: 216)
        let key = plan.layout(latent: latent, width: 384, height: 216)
        let later = clip.layout(key, drawing: 24)
        let walked = later.subjects[0].x - key.subjects[0].x
        #expect(walked > 1, "the woman walked \(walked) m")
        // The umbrella keeps its place at her hand: same offset in x and depth, drawing 24 as in drawing 0.
        #expect(abs((later.subjects[1].x - later.subjects[0].x) - (key.subjects[1].x - key.subjects[0].x)) < 1e-6)
        #expect(abs((later.subjects[1].z - later.subjects[0].z) - (key.subjects[1].z - key.subjects[0].z)) < 1e-6)
        #expect(later.subjects[1].elevation == key.subjects[1].elevation)
    }
}
