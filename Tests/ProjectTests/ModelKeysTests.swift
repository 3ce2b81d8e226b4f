import Diffusion
import Foundation
import Testing
@testable import Project

/// The single-file/LoRA keys: `vae`, `prediction`, `loras` (top level and per shot), and few-step presets.
@Suite struct ModelKeysTests {
    let text = """
        title = "LoRA spot"
        model = "sd:~/models/dreamshaper_8.safetensors"
        vae = "vae-ft-mse.safetensors"
        prediction = "v"
        loras = [{ path = "style.safetensors", strength = 0.8 }, { path = "lcm-lora.safetensors" }]

        [defaults]
        sampler = "lcm"

        [[shot]]
        id = "s01"
        prompt = "a horse"
        seed = 1

        [[shot]]
        id = "s02"
        prompt = "a horse"
        seed = 1
        loras = []
        """

    @Test func decodesEncodesAndResolvesPerShot() throws {
        let (project, warnings) = try ProjectDecoder.decode(text, file: "storyboard.toml")
        #expect(warnings.isEmpty)
        #expect(project.vae == "vae-ft-mse.safetensors" && project.prediction == .v)
        #expect(project.loras == [LoRAReference(path: "style.safetensors", strength: 0.8), LoRAReference(path: "lcm-lora.safetensors", strength: 1)])
        #expect(project.defaults.sampler == .lcm)
        let first = project.renderSettings(for: project.shots[0]), second = project.renderSettings(for: project.shots[1])
        #expect(first.loras == project.loras && second.loras.isEmpty)
        #expect(first.vae == "vae-ft-mse.safetensors" && first.prediction == .v)
        // Written back, the file reads the same.
        let again = try ProjectDecoder.decode(ProjectEncoder.encode(project), file: "again.toml").0
        #expect(again == project)
        #expect(ProjectEncoder.encode(project).contains(#"loras = [{ path = "style.safetensors", strength = 0.8 }, { path = "lcm-lora.safetensors", strength = 1.0 }]"#))
    }

    @Test func arrayOfTablesFormReadsToo() throws {
        let (project, _) = try ProjectDecoder.decode("""
            title = "t"
            [[loras]]
            path = "a.safetensors"
            strength = -0.5
            """, file: "s.toml")
        #expect(project.loras == [LoRAReference(path: "a.safetensors", strength: -0.5)])
    }

    @Test(arguments: [
        (#"loras = "style.safetensors""#, "must be a list of tables", 1),
        (#"loras = [{ strength = 0.5 }]"#, "has no 'path'", 1),
        (#"loras = [{ path = "a", strength = 9 }]"#, "a LoRA strength", 1),
        (#"loras = [{ path = "a", weight = 1 }]"#, "unknown key 'weight'", 1),
        (#"prediction = "x0""#, "expected one of epsilon, v", 1),
        (#"vae = """#, "'vae' is empty", 1),
    ])
    func badValuesNameWhereAndWhatWasExpected(line: String, message: String, at row: Int) throws {
        let error = try #require(throws: ProjectError.self) { try ProjectDecoder.decode(line + "\ntitle = \"t\"", file: "p.toml") }
        #expect(error.description.contains(message), "\(error.description)")
        #expect(error.description.contains("p.toml:\(row):"), "\(error.description)")
    }

    @Test func distillationsAreRecognisedByName() {
        let lcm = DistillationPreset.detect(in: ["sd:/m/dreamshaper_8.safetensors", "/l/lcm-lora-sdv1-5.safetensors"])
        #expect(lcm == DistillationPreset(name: "lcm", sampler: .lcm, schedule: .native, steps: 4, guidance: 1.5))
        #expect(DistillationPreset.detect(in: ["sd:/m/sd_turbo.safetensors"])?.steps == 1)
        #expect(DistillationPreset.detect(in: ["sd:/m/x.safetensors", "/l/Hyper-SD15-8steps-lora.safetensors"])?.steps == 8)
        #expect(DistillationPreset.detect(in: ["sd:/m/x.safetensors", "/l/Hyper-SD15-1step-lora.safetensors"])?.steps == 1)
        #expect(DistillationPreset.detect(in: ["/l/dmd2_sd15_4step.safetensors"])?.name == "dmd")
        #expect(DistillationPreset.detect(in: ["sd:/m/dreamshaper_8.safetensors", "/l/style.safetensors"]) == nil)
        // A TCD LoRA asks for its own sampler, on the same timesteps, 4 steps without guidance.
        let tcd = DistillationPreset.detect(in: ["sd:/m/dreamshaper_8.safetensors", "/l/TCD-SD15-LoRA.safetensors"])
        #expect(tcd == DistillationPreset(name: "tcd", sampler: .tcd, schedule: .native, steps: 4, guidance: 1))
        #expect(DistillationPreset.detect(in: ["/l/hyper-sd15-tcd-2steps.safetensors"]) ==
            DistillationPreset(name: "tcd", sampler: .tcd, schedule: .native, steps: 2, guidance: 1))
        // The folder names do not count, only the file's own name.
        #expect(DistillationPreset.detect(in: ["sd:/lcm-models/plain.safetensors"]) == nil)
    }
}
