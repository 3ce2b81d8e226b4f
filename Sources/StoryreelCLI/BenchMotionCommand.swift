import ArgumentParser
import Foundation
import Imaging
import Project
import Render
import Sketch

/// `storyreel bench motion`: ms per sketch clip drawing, and a 12-shot 30-second project's clips rendered cold and
/// again from the cache.
struct BenchMotion: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "motion",
        abstract: "Median ms per clip drawing (1024×576) and seconds to render a 12-shot, 30 s project's clips cold and cached.")

    @Option(help: "Timed drawings per prompt.")
    var runs: Int = 24

    static let prompts = [
        "wide shot of a brown horse galloping from left to right on the beach at sunset",
        "full shot of a man walking from right to left in a city street",
        "a dog running towards the camera in a park",
        "a red car driving away from the camera on a road",
        "full shot of a woman waving",
        "full shot of a child jumping in a park",
        "extreme wide shot of a bird flying over the sea",
        "medium shot of a person turning to look",
        "two people walking in the park at golden hour",
        "wide shot of a horse trotting in a field",
        "a cyclist riding a bicycle from left to right on a road",
        "a woman sitting on a sofa in a living room",
    ]

    func run() throws {
        Console.out("sketch clip drawings, 1024x576, one thread, median of \(runs) drawings per prompt (draw; PNG encode):")
        var draws: [Double] = []
        for prompt in Self.prompts.prefix(6) {
            let prepared = try SketchShotModel().prepare(prompt: prompt, negative: "", guidance: 7, width: 1024, height: 576)
            var settings = Project(title: "bench").renderSettings(for: Shot(id: "b", prompt: prompt, seed: 3))
            settings.steps = 20
            let (latent, _) = try ProjectRenderer.sample(prepared: prepared, shot: Shot(id: "b", prompt: prompt, seed: 3), settings: settings)
            guard let motion = prepared.motion(keyLatent: latent, seed: 3, drawingsPerSecond: 12, width: 1024, height: 576) else { continue }
            var drawTimes: [Double] = [], pngTimes: [Double] = []
            for i in 1...(runs + 2) {
                let t0 = Date()
                let frame = try prepared.decodeDrawing(i, keyLatent: latent, motion: motion, width: 1024, height: 576)
                let t1 = Date()
                _ = try PNGEncoder.encode(frame)
                let t2 = Date()
                if i > 2 {
                    drawTimes.append(t1.timeIntervalSince(t0) * 1000)
                    pngTimes.append(t2.timeIntervalSince(t1) * 1000)
                }
            }
            draws.append(median(drawTimes))
            Console.out(String(format: "  %6.2f ms  (PNG %5.2f)  %@", median(drawTimes), median(pngTimes), prompt))
        }
        Console.out(String(format: "  drawing median over prompts: %.2f ms (target ≤ 15 ms)", median(draws)))
        try benchProject()
    }

    /// A 12-shot, 30-second project at 12 drawings a second, rendered by this binary cold, then again from the cache.
    func benchProject() throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("storyreel-bench-motion-\(getpid())").path
        try? FileManager.default.removeItem(atPath: temp)
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: temp) }
        var project = Project(title: "Motion bench")
        project.shots = Self.prompts.enumerated().map { i, prompt in
            Shot(id: String(format: "s%02d", i + 1), prompt: prompt, seed: UInt32(100 + i), duration: 2.5)
        }
        try ProjectFile.save(project, folder: temp)
        let binary = CommandLine.arguments[0]
        let t0 = Date()
        let cold = try runCapturingOutput(binary, ["render", temp, "--json"])
        let coldSeconds = Date().timeIntervalSince(t0)
        let drawings = (try? FileManager.default.contentsOfDirectory(atPath: temp + "/clips"))?.reduce(0) { total, shot in
            total + ((try? FileManager.default.contentsOfDirectory(atPath: temp + "/clips/" + shot))?.count ?? 0)
        } ?? 0
        Console.out(String(format: "cold render, 12 shots, 30 s at 12 drawings/s (%d drawings, %d cores): %.2f s wall (target ≤ 10 s)%@",
                           drawings, ProcessInfo.processInfo.activeProcessorCount, coldSeconds,
                           cold.contains("\"rendered\":12") ? "" : " — UNEXPECTED: \(cold.prefix(200))"))
        var times: [Double] = []
        var last = ""
        for _ in 0..<9 {
            let t = Date()
            try spawnQuietly(binary, ["render", temp, "--json"])
            times.append(Date().timeIntervalSince(t) * 1000)
        }
        last = try runCapturingOutput(binary, ["render", temp, "--json"])
        let quiet = last.contains("\"denoiser_calls\":0") && !last.contains("\"written\":1") && last.components(separatedBy: "\"written\":0").count == 13
        Console.out(String(format: "cached re-render, whole command wall time, median of 9: %.1f ms (target ≤ 150 ms), %@",
                           median(times), quiet ? "0 denoiser calls, 0 drawings written" : "WORK DONE: \(last.prefix(300))"))
    }
}
