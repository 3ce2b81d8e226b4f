import Foundation
import Imaging
import SD
import Testing
import TestSupport

/// LoRAs, single files and few-step presets through the `storyreel` binary, on the tiny fixtures.
@Suite struct SingleFileCLITests {
    static let fixtures = StableDiffusionCLITests.fixtures
    let base = StableDiffusionCLITests()

    /// The tiny SD 1.x project with `extra` lines added at the top level.
    func project(_ folder: TestFolder, top extra: String) throws -> String {
        let dir = try base.project(family: "sd1", in: folder)
        let path = dir + "/storyboard.toml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (extra + "\n" + text).write(toFile: path, atomically: true, encoding: .utf8)
        return dir
    }

    @Test func loraRenderMatchesTheReferenceMergeAndItsStrengthIsInTheKey() throws {
        let folder = TestFolder()
        let lora = "\(Self.fixtures)/tiny-sd1/lora-kohya.safetensors"
        let dir = try project(folder, top: #"loras = [{ path = "\#(lora)", strength = 0.8 }]"#)
        let noise = "\(Self.fixtures)/tiny-sd1/pipeline-noise.npy"
        let run = try base.storyreel(["render", dir, "--json", "--noise", noise])
        #expect(run.status == 0, "\(run.err)")
        let png = try PNGDecoder.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/frames/s01.png")))).frame
        let expected = try SafeTensorsFile(path: "\(Self.fixtures)/tiny-sd1/lora-reference.safetensors").floats("lora.image")
        var worst = 0
        for p in 0..<(128 * 128) {
            for c in 0..<3 { worst = max(worst, abs(Int(png.pixels[p * 4 + c]) - Int((expected[p * 3 + c] * 255).rounded()))) }
        }
        let text = try PNGDecoder.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/frames/s01.png")))).text
        let parameters = try #require(text.first { $0.keyword == "parameters" }?.text)
        #expect(parameters.contains("Lora hashes: \"lora-kohya: ") && parameters.contains("Lora strengths: \"lora-kohya: 0.8\""), "\(parameters)")
        print("sd1 + kohya LoRA: rendered frame vs numpy-merged reference pipeline, max difference \(worst)/255")
        #expect(worst <= 1)
        // Unchanged: cached. Another strength: the key changes and the shot renders again.
        let again = try base.json(try base.storyreel(["render", dir, "--json", "--noise", noise]).out)
        #expect(again["cached"] as? Int == 1)
        let path = dir + "/storyboard.toml"
        try (try String(contentsOfFile: path, encoding: .utf8)).replacingOccurrences(of: "strength = 0.8", with: "strength = 0.5")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let changed = try base.json(try base.storyreel(["render", dir, "--json", "--noise", noise]).out)
        #expect(changed["rendered"] as? Int == 1)
    }

    @Test func badModelFilesGiveOneClearError() throws {
        let folder = TestFolder()
        let dir = try base.project(family: "sd1", in: folder)
        let ckpt = folder.path + "/model.ckpt"
        try Data([0x80, 0x02, 0x7D, 0x71, 0x00]).write(to: URL(fileURLWithPath: ckpt))
        let pickle = try base.storyreel(["render", dir, "--model", "sd:" + ckpt])
        #expect(pickle.status == 1 && pickle.err.contains("pickle") && pickle.err.contains(ckpt), "\(pickle.err)")
        #expect(pickle.err.split(separator: "\n").count == 1)
        let lora = try project(folder, top: #"loras = [{ path = "missing.safetensors" }]"#)
        let missing = try base.storyreel(["render", lora])
        #expect(missing.status == 1 && missing.err.contains("missing.safetensors"), "\(missing.err)")
        let other = TestFolder()
        let bad = try project(other, top: #"loras = [{ path = "a.safetensors", strength = "high" }]"#)
        let typed = try base.storyreel(["render", bad])
        #expect(typed.status == 2 && typed.err.contains("strength") && typed.err.contains("storyboard.toml:1:"), "\(typed.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/frames/s01.png"))
    }

    @Test func newPicksFewStepDefaultsForADistilledLoRA() throws {
        let folder = TestFolder()
        let run = try base.storyreel(["new", folder.path + "/spot", "--model", "sd:/models/dreamshaper_8.safetensors",
                                      "--lora", "/loras/lcm-lora-sdv1-5.safetensors"])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("recognised a lcm distillation") && run.out.contains("4 steps"), "\(run.out)")
        let text = try String(contentsOfFile: folder.path + "/spot/storyboard.toml", encoding: .utf8)
        #expect(text.contains(#"sampler = "lcm""#) && text.contains("steps = 4") && text.contains("guidance = 1.5"))
        #expect(text.contains(#"model = "sd:/models/dreamshaper_8.safetensors""#))
        #expect(text.contains(#"loras = [{ path = "/loras/lcm-lora-sdv1-5.safetensors", strength = 1.0 }]"#))
        // A TCD LoRA gets the tcd sampler.
        let tcd = try base.storyreel(["new", folder.path + "/tcd", "--model", "sd:/models/dreamshaper_8.safetensors",
                                      "--lora", "/loras/TCD-SD15-LoRA.safetensors"])
        #expect(tcd.status == 0 && tcd.out.contains("recognised a tcd distillation: sampler tcd"), "\(tcd.out) \(tcd.err)")
        let tcdText = try String(contentsOfFile: folder.path + "/tcd/storyboard.toml", encoding: .utf8)
        #expect(tcdText.contains(#"sampler = "tcd""#) && tcdText.contains("steps = 4") && tcdText.contains("schedule = \"native\""))
        let plain = try base.storyreel(["new", folder.path + "/plain", "--model", "sd:/models/dreamshaper_8.safetensors"])
        #expect(plain.status == 0 && !plain.out.contains("recognised"))
        let wrong = try base.storyreel(["new", folder.path + "/wrong", "--model", "dreamshaper"])
        #expect(wrong.status == 2 && wrong.err.contains("sd:PATH"))
    }
}
