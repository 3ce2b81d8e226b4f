import Foundation
import Imaging
import SD
import Testing
import TestSupport

/// `motion_model = "PATH"` end to end through the `storyreel` binary, on tiny-sd1 and the random MotionAdapter whose
/// reference clip diffusers' AnimateDiffPipeline computed (scripts/sd_fixtures.py --animatediff).
@Suite struct AnimateDiffCLITests {
    static let fixtures = repositoryRoot + "/Tests/SDTests/Fixtures"

    func storyreel(_ arguments: [String], environment: [String: String]? = nil) throws -> [String: Any] {
        let run = try runProgram(CLITests.binary, arguments, environment: environment)
        #expect(run.status == 0, "\(run.err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
    }

    /// A one-shot 64×64 project with the reference run's settings; `shot` adds lines to the shot.
    func project(in folder: TestFolder, shot: String = "", motion: String = "motion-adapter", duration: Double = 2) throws -> String {
        let dir = folder.path + "/clip"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let text = """
            title = "AnimateDiff check"
            width = 64
            height = 64
            model = "sd:\(Self.fixtures)/tiny-sd1"
            motion_model = "\(Self.fixtures)/tiny-sd1/\(motion)"

            [defaults]
            sampler = "euler"
            schedule = "native"
            steps = 2
            guidance = 7.5

            [[shot]]
            id = "s01"
            prompt = "a horse on the beach at sunset"
            seed = 7
            duration = \(duration)
            \(shot)

            """
        try text.write(toFile: dir + "/storyboard.toml", atomically: true, encoding: .utf8)
        return dir
    }

    func drawing(_ dir: String, _ i: Int) throws -> Frame {
        try PNGDecoder.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + String(format: "/clips/s01/%04d.png", i + 1))))).frame
    }

    func clip(_ report: [String: Any]) throws -> [String: Any] {
        let shots = try #require(report["shots"] as? [[String: Any]])
        return try #require(shots.first?["clip"] as? [String: Any])
    }

    @Test(arguments: ["auto", "openblas"], ["motion-adapter", "motion-module-original.safetensors"])
    func noiseFileReproducesTheAnimateDiffPipelineClip(gemm: String, motion: String) throws {
        let folder = TestFolder()
        let dir = try project(in: folder, shot: "motion_from = \"noise\"", motion: motion)
        var environment = ProcessInfo.processInfo.environment
        environment["STORYREEL_SD_GEMM"] = gemm
        let report = try storyreel(["render", dir, "--json", "--noise", "\(Self.fixtures)/tiny-sd1/animatediff-noise.npy"],
                                   environment: environment)
        // 2 s at the motion modules' 8 drawings a second: one 16-frame window; 2 steps for the key drawing, 2 for it.
        #expect(try clip(report)["drawings"] as? Int == 16)
        #expect(try clip(report)["fps"] as? Int == 8)
        #expect(report["denoiser_calls"] as? Int == 4)
        let reference = try SafeTensorsFile(path: "\(Self.fixtures)/tiny-sd1/animatediff-reference.safetensors")
        let expected = try reference.floats("pipeline.guided.frames")  // [16, 64, 64, 3] in [0, 1]
        var worst = 0
        for f in 0..<16 {
            let png = try drawing(dir, f)
            #expect(png.width == 64 && png.height == 64)
            for p in 0..<(64 * 64) {
                for c in 0..<3 {
                    let want = Int((expected[(f * 64 * 64 + p) * 3 + c] * 255).rounded())
                    worst = max(worst, abs(Int(png.pixels[p * 4 + c]) - want))
                }
            }
        }
        print("AnimateDiff \(motion), \(gemm) GEMM: 16 drawings vs diffusers AnimateDiffPipeline frames, max difference \(worst)/255")
        #expect(worst <= 1)
        // Each drawing says how it was made, in the text chunk other tools read.
        let chunks = try PNGChunkReader.textChunks([UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/clips/s01/0003.png"))))
        let parameters = try #require(chunks.first { $0.keyword == "parameters" }?.text)
        #expect(parameters.contains("Drawing: 3, Drawings per second: 8, Motion module: \(motion), Motion from: noise"), "\(parameters)")
        // The frames move: consecutive drawings differ.
        #expect(try drawing(dir, 0).pixels != drawing(dir, 8).pixels)
    }

    @Test func windowsAreTheCacheUnitCameraAndDurationEditsRunNoUNet() throws {
        let folder = TestFolder()
        let dir = try project(in: folder, shot: "motion_from = \"noise\"")
        let first = try storyreel(["render", dir, "--json"])
        #expect(first["denoiser_calls"] as? Int == 4)
        #expect(try clip(first)["written"] as? Int == 16)
        let again = try storyreel(["render", dir, "--json"])
        #expect(again["denoiser_calls"] as? Int == 0)
        #expect(try clip(again)["written"] as? Int == 0)

        func edit(_ from: String, _ to: String) throws {
            let path = dir + "/storyboard.toml"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains(from))
            try text.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: true, encoding: .utf8)
        }
        try edit("duration = 2.0", "duration = 2.0\ncamera = \"push-in\"")
        let camera = try storyreel(["render", dir, "--json"])
        #expect(camera["denoiser_calls"] as? Int == 0)
        #expect(try clip(camera)["written"] as? Int == 0)

        try edit("duration = 2.0", "duration = 1.0")
        let before = try drawing(dir, 13)
        let shorter = try storyreel(["render", dir, "--json"])
        #expect(shorter["denoiser_calls"] as? Int == 0)
        #expect(try clip(shorter)["drawings"] as? Int == 8)
        #expect(!FileManager.default.fileExists(atPath: dir + "/clips/s01/0009.png"))

        // 3 s = 24 drawings = windows at frames 0 and 12: only the new window is sampled (2 calls); drawings 13-16
        // are blended anew from both windows and 17-24 are new, so 8 already on disk stay as they are.
        try edit("duration = 1.0", "duration = 3.0")
        let longer = try storyreel(["render", dir, "--json"])
        #expect(longer["denoiser_calls"] as? Int == 2)
        #expect(try clip(longer)["drawings"] as? Int == 24)
        #expect(try clip(longer)["written"] as? Int == 16)
        #expect(try drawing(dir, 23).width == 64)
        // Drawing 14 (frame 13) is now 3/5 window 0 and 2/5 window 1: not what window 0 alone gave.
        #expect(try drawing(dir, 13).pixels != before.pixels)
    }

    @Test func imageToVideoStartsFromTheKeyDrawingAtHalfTheCost() throws {
        let folder = TestFolder()
        let dir = try project(in: folder)
        let report = try storyreel(["render", dir, "--json"])
        // The key drawing takes both steps; the window re-runs the last half of the schedule (strength 0.5): 1 step.
        #expect(report["denoiser_calls"] as? Int == 3)
        #expect(try clip(report)["drawings"] as? Int == 16)
        let other = TestFolder()
        let stronger = try project(in: other, shot: "motion_strength = 1.0")
        #expect(try storyreel(["render", stronger, "--json"])["denoiser_calls"] as? Int == 4)
    }

    @Test func theAnimaticPlaysTheVideoClipFromItsFirstFrame() throws {
        let folder = TestFolder()
        let dir = try project(in: folder, shot: "motion_from = \"noise\"")
        let gif = folder.path + "/cut.gif"
        let run = try runProgram(CLITests.binary, ["export", dir, "--gif", gif])
        #expect(run.status == 0, "\(run.err)")
        // Read back by ffmpeg: 2 s at the project's 24 fps from the 16 drawings, and frame 1 is drawing 1 (the video
        // model's own first frame, which differs from the key drawing), not the key drawing.
        let probe = try runProgram("/usr/bin/env", ["ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                                                    "-show_entries", "stream=nb_read_frames,width,height", "-of", "csv=p=0", gif])
        #expect(probe.out.trimmingCharacters(in: .whitespacesAndNewlines) == "64,64,48", "\(probe.out) \(probe.err)")
        let first = folder.path + "/first.png"
        _ = try runProgram("/usr/bin/env", ["ffmpeg", "-v", "error", "-y", "-i", gif, "-frames:v", "1", first])
        let frame = try PNGDecoder.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: first)))).frame
        let key = try PNGDecoder.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/frames/s01.png")))).frame
        func distance(_ a: Frame, _ b: Frame) -> Double {
            var total = 0.0
            for p in 0..<(64 * 64) { for c in 0..<3 { total += abs(Double(a.pixels[p * 4 + c]) - Double(b.pixels[p * 4 + c])) } }
            return total / Double(64 * 64 * 3)
        }
        let toDrawing = distance(frame, try drawing(dir, 0)), toKey = distance(frame, key)
        print("animatic frame 1: mean difference \(toDrawing) to drawing 1, \(toKey) to the key drawing")
        #expect(toDrawing < toKey)
    }

    @Test func aMotionModelNeedsAnSDModelAndAnExistingFile() throws {
        let folder = TestFolder()
        let dir = try project(in: folder, motion: "no-such-module")
        let missing = try runProgram(CLITests.binary, ["render", dir])
        #expect(missing.status != 0)
        #expect(missing.err.contains("motion_model") && missing.err.contains("no-such-module") && missing.err.contains("does not exist"), "\(missing.err)")

        let path = dir + "/storyboard.toml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "model = \"sd:\(Self.fixtures)/tiny-sd1\"", with: "model = \"sketch\"")
            .replacingOccurrences(of: "no-such-module", with: "motion-adapter").write(toFile: path, atomically: true, encoding: .utf8)
        let sketch = try runProgram(CLITests.binary, ["render", dir])
        #expect(sketch.status != 0)
        #expect(sketch.err.contains("needs a Stable Diffusion 1.x model"), "\(sketch.err)")
    }
}
