import Foundation
import Imaging
import SD
import Testing
import TestSupport

/// `model = "sd:PATH"` end to end through the `storyreel` binary, on the tiny random-weight checkpoints whose
/// reference outputs diffusers computed (Tests/SDTests/Fixtures, written by scripts/sd_fixtures.py).
@Suite struct StableDiffusionCLITests {
    static let fixtures = repositoryRoot + "/Tests/SDTests/Fixtures"

    func storyreel(_ arguments: [String]) throws -> (out: String, err: String, status: Int32) {
        try runProgram(CLITests.binary, arguments)
    }

    /// A one-shot project on the tiny model, with the settings of the diffusers reference run.
    func project(family: String, in folder: TestFolder, sampler: String = "euler", steps: Int = 2) throws -> String {
        let dir = folder.path + "/sd-\(family)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let text = """
            title = "SD check"
            width = 128
            height = 128
            fps = 24
            model = "sd:\(Self.fixtures)/tiny-\(family)"

            [defaults]
            sampler = "\(sampler)"
            schedule = "native"
            steps = \(steps)
            guidance = 7.5

            [[shot]]
            id = "s01"
            prompt = "a horse on the beach at sunset"
            seed = 7
            duration = 2.0

            """
        try text.write(toFile: dir + "/storyboard.toml", atomically: true, encoding: .utf8)
        return dir
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Both product paths: the AVX-512 micro-kernels (where the CPU has them) and OpenBLAS, which CPUs without
    /// AVX-512 use.
    @Test(arguments: ["sd1", "sd2"], ["auto", "openblas"])
    func noiseFileReproducesTheDiffusersPipelineImage(family: String, gemm: String) throws {
        let folder = TestFolder()
        let dir = try project(family: family, in: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["STORYREEL_SD_GEMM"] = gemm
        let run = try runProgram(CLITests.binary, ["render", dir, "--json", "--noise", "\(Self.fixtures)/tiny-\(family)/pipeline-noise.npy"],
                                 environment: environment)
        #expect(run.status == 0, "\(run.err)")
        let report = try json(run.out)
        #expect(report["rendered"] as? Int == 1)
        #expect(report["denoiser_calls"] as? Int == 2)
        let png = try PNGDecoder.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/frames/s01.png")))).frame
        let reference = try SafeTensorsFile(path: "\(Self.fixtures)/tiny-\(family)/reference.safetensors")
        let expected = try reference.floats("pipeline.image")  // [128, 128, 3] in [0, 1]
        #expect(png.width == 128 && png.height == 128)
        var worst = 0
        for p in 0..<(128 * 128) {
            for c in 0..<3 {
                let want = Int((expected[p * 3 + c] * 255).rounded())
                worst = max(worst, abs(Int(png.pixels[p * 4 + c]) - want))
            }
        }
        print("sd \(family), \(gemm) GEMM: rendered frame vs diffusers pipeline image, max difference \(worst)/255")
        #expect(worst <= 1)
    }

    @Test func sdRendersCacheAndReRenderOnlyWhatChanged() throws {
        let folder = TestFolder()
        let dir = try project(family: "sd1", in: folder, sampler: "dpmpp_2m", steps: 3)
        let first = try json(try storyreel(["render", dir, "--json"]).out)
        #expect(first["rendered"] as? Int == 1 && first["denoiser_calls"] as? Int == 3)
        let second = try json(try storyreel(["render", dir, "--json"]).out)
        #expect(second["cached"] as? Int == 1 && second["denoiser_calls"] as? Int == 0)
        // Guidance changes SD pixels, so it is part of the key (unlike for the sketch model).
        let path = dir + "/storyboard.toml"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "guidance = 7.5", with: "guidance = 3.0")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let third = try json(try storyreel(["render", dir, "--json"]).out)
        #expect(third["rendered"] as? Int == 1)
        #expect((third["shots"] as? [[String: Any]])?.first?["key"] as? String != (first["shots"] as? [[String: Any]])?.first?["key"] as? String)
        let frame = try PNGDecoder.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/frames/s01.png"))))
        let parameters = frame.text.first { $0.keyword == "parameters" }?.text ?? ""
        #expect(parameters.contains("a horse on the beach at sunset") && parameters.contains("Seed: 7"))
    }

    @Test func brokenCheckpointsGiveOneClearError() throws {
        let folder = TestFolder()
        // A copy of the tiny checkpoint without its UNet weights, and one whose UNet config lies about a shape.
        let broken = folder.path + "/broken"
        try FileManager.default.copyItem(atPath: "\(Self.fixtures)/tiny-sd1", toPath: broken)
        try FileManager.default.removeItem(atPath: broken + "/unet/diffusion_pytorch_model.safetensors")
        let dir = try project(family: "sd1", in: folder)
        let missing = try storyreel(["render", dir, "--model", "sd:" + broken])
        #expect(missing.status == 1)
        #expect(missing.err.contains("unet") && missing.err.contains(".safetensors"), "\(missing.err)")
        #expect(missing.err.split(separator: "\n").count == 1)

        let lying = folder.path + "/lying"
        try FileManager.default.copyItem(atPath: "\(Self.fixtures)/tiny-sd1", toPath: lying)
        let configPath = lying + "/unet/config.json"
        let config = try String(contentsOfFile: configPath, encoding: .utf8).replacingOccurrences(of: "\"cross_attention_dim\": 32", with: "\"cross_attention_dim\": 48")
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        let wrong = try storyreel(["render", dir, "--model", "sd:" + lying])
        #expect(wrong.status == 1)
        #expect(wrong.err.contains("attn2.to_k.weight") && wrong.err.contains("48"), "\(wrong.err)")

        let nowhere = try storyreel(["render", dir, "--model", "sd:" + folder.path + "/nothing-here"])
        #expect(nowhere.status == 1 && nowhere.err.contains("does not exist"), "\(nowhere.err)")
        let badNoise = folder.path + "/noise.npy"
        try Data("not numpy".utf8).write(to: URL(fileURLWithPath: badNoise))
        let noise = try storyreel(["render", dir, "--noise", badNoise])
        #expect(noise.status == 2 && noise.err.contains(".npy"), "\(noise.err)")
        // Nothing of the user's was touched.
        #expect(!FileManager.default.fileExists(atPath: dir + "/frames/s01.png"))
    }
}
