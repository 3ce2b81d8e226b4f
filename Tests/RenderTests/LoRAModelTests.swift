import Foundation
import Project
import Testing
import TestSupport
@testable import Render

/// The registry's model per LoRA set and the render keys that follow from it, on the tiny SD 1.x fixture.
@Suite struct LoRAModelTests {
    static let fixtures = repositoryRoot + "/Tests/SDTests/Fixtures"

    func project(loras: [LoRAReference], shotLoras: [LoRAReference]? = nil) -> Project {
        var p = Project(title: "LoRA", width: 128, height: 128, model: "sd:\(Self.fixtures)/tiny-sd1")
        p.loras = loras
        p.defaults.sampler = .lcm
        p.defaults.schedule = .native
        p.defaults.steps = 2
        var shot = Shot(id: "a", prompt: "a horse on the beach at sunset", seed: 1)
        shot.loras = shotLoras
        p.shots = [shot]
        return p
    }

    func key(_ p: Project) throws -> RenderKey {
        try ProjectRenderer(folder: TestFolder().path, project: p).key(for: p.shots[0])
    }

    @Test func eachLoRASetIsLoadedOnceAndKeyedByDigestAndStrength() throws {
        let lora = LoRAReference(path: "\(Self.fixtures)/tiny-sd1/lora-kohya.safetensors", strength: 0.8)
        let settings = project(loras: [lora]).renderSettings(for: project(loras: [lora]).shots[0])
        let registry = ModelRegistry()
        let a = try registry.model(for: settings, relativeTo: "/")
        let b = try registry.model(for: settings, relativeTo: "/")
        let first = try #require(a as? SDShotModel), second = try #require(b as? SDShotModel)
        #expect(first === second)
        #expect(a.loraKeys.count == 1)

        let plain = try key(project(loras: []))
        let merged = try key(project(loras: [lora]))
        var weaker = lora
        weaker.strength = 0.5
        let weakerKey = try key(project(loras: [weaker]))
        #expect(plain != merged && merged != weakerKey)
        // The same LoRA in PEFT keys is another file: another key, although it renders the same pixels.
        let peft = LoRAReference(path: "\(Self.fixtures)/tiny-sd1/lora-peft.safetensors", strength: 0.8)
        let peftKey = try key(project(loras: [peft]))
        #expect(merged != peftKey)
        // A shot's own list replaces the project's.
        let dropped = try key(project(loras: [lora], shotLoras: []))
        #expect(dropped == plain)
    }

    @Test func lcmNativeUsesLCMTimesteps() throws {
        let p = project(loras: [])
        let model = try ModelRegistry().model(for: p.renderSettings(for: p.shots[0]), relativeTo: "/")
        let prepared = try model.prepare(prompt: "x", negative: "", guidance: 1, width: 128, height: 128)
        let lcm = prepared.sigmas(steps: 2, schedule: .native, sampler: .lcm)
        let euler = prepared.sigmas(steps: 2, schedule: .native, sampler: .euler)
        // LCM's 2 steps are timesteps 999 and 499; the checkpoint's leading spacing gives 501 and 1.
        #expect(lcm.count == 3 && euler.count == 3 && lcm[2] == 0)
        #expect(lcm[0] > euler[0] * 3 && lcm[1] > euler[1] * 10, "\(lcm) \(euler)")
        // tcd runs on the same timesteps, landing on floor(0.7 t_next) before each re-noising.
        #expect(prepared.sigmas(steps: 2, schedule: .native, sampler: .tcd) == lcm)
        let plan = prepared.tcdPlan(sigmas: lcm)
        let schedule = try #require(model as? SDShotModel).model.scheduler.schedule
        #expect(plan == schedule.tcdPlan(sigmas: lcm))
        #expect(plan.intermediate[0] == Float(schedule.sigma(atTimestep: 349)) && plan.intermediate[1] == Float(schedule.sigma(atTimestep: 0)))
    }

    @Test func pathsExpandTildeAndResolveFromTheProject() {
        let home = (("~" as NSString).expandingTildeInPath as NSString).standardizingPath
        #expect(ModelRegistry.resolve("~/models/dreamshaper_8.safetensors", "/work/spot") == home + "/models/dreamshaper_8.safetensors")
        #expect(ModelRegistry.resolve("loras/style.safetensors", "/work/spot") == "/work/spot/loras/style.safetensors")
        #expect(ModelRegistry.resolve("/abs/x.safetensors", "/work/spot") == "/abs/x.safetensors")
    }
}
