import ArgumentParser
import Foundation
import Imaging
import Project
import Render
import Sketch

/// `storyreel bench sketch`: keyframe time for the sketch model and the wall time of a fully cached re-render.
struct BenchSketch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sketch",
        abstract: "Median ms per sketch keyframe (1024×576, 20 steps) and of a fully cached project re-render.")

    @Option(help: "Timed runs per measurement.")
    var runs: Int = 15

    @Option(help: "An example project to re-render from the cache (copied to a temporary folder first).")
    var project: String = "Examples/sofa-spot"

    func run() throws {
        let prompts = [
            "wide shot of a white horse galloping on the beach at sunset",
            "medium shot of a woman sitting on a grey sofa in a living room, golden hour",
            "close-up of a bottle on a table, studio",
            "extreme wide shot of a city street at night, two cars, a man walking on the left",
            "a chef holding a silver wristwatch next to three horses near a lighthouse",
        ]
        benchWordNet()
        Console.out("sketch keyframe, 1024x576, 20 steps, dpmpp_2m/karras, one thread, median of \(runs):")
        var totals: [Double] = []
        for prompt in prompts {
            let plan = SketchPlan(prompt: prompt)
            var settings = Project(title: "bench").renderSettings(for: Shot(id: "b", prompt: prompt, seed: 0))
            settings.steps = 20
            var sampleTimes: [Double] = [], drawTimes: [Double] = [], pngTimes: [Double] = []
            for i in 0..<(runs + 2) {
                let shot = Shot(id: "b", prompt: prompt, seed: UInt32(i))
                let prepared = try SketchShotModel().prepare(prompt: prompt, negative: "", guidance: 7, width: 1024, height: 576)
                let t0 = Date()
                let (latent, _) = try ProjectRenderer.sample(prepared: prepared, shot: shot, settings: settings)
                let t1 = Date()
                let frame = plan.frame(latent: latent, width: 1024, height: 576)
                let t2 = Date()
                _ = try PNGEncoder.encode(frame)
                let t3 = Date()
                if i >= 2 {  // two warm-up runs
                    sampleTimes.append(t1.timeIntervalSince(t0) * 1000)
                    drawTimes.append(t2.timeIntervalSince(t1) * 1000)
                    pngTimes.append(t3.timeIntervalSince(t2) * 1000)
                }
            }
            let total = median(sampleTimes) + median(drawTimes)
            totals.append(total)
            Console.out(String(format: "  %6.2f ms  (sample %5.2f + draw %5.2f; PNG encode %5.2f)  %@",
                               total, median(sampleTimes), median(drawTimes), median(pngTimes), prompt))
        }
        Console.out(String(format: "  keyframe median over prompts: %.2f ms (target ≤ 50 ms)", median(totals)))
        try benchCachedRerender()
    }

    /// What WordNet costs: opening it (once per process, on the first word the lexicon does not know) and compiling
    /// a prompt of open-vocabulary nouns with an empty reading cache.
    func benchWordNet() {
        let t0 = Date()
        let fresh = OpenVocabulary(directory: OpenVocabulary.shared.directory)
        guard fresh.isAvailable else {
            Console.out("wordnet: missing at \(fresh.directory); the lexicon works alone")
            return
        }
        let opened = Date().timeIntervalSince(t0) * 1000
        let prompt = "a fisherman and a nurse with a wristwatch, a croissant and two sheep by a lighthouse in the harbour"
        var cold: [Double] = []
        for _ in 0..<runs {
            let vocabulary = OpenVocabulary(directory: fresh.directory)
            let t = Date()
            _ = PromptCompiler.compile(prompt, vocabulary: vocabulary)
            cold.append(Date().timeIntervalSince(t) * 1000)
        }
        Console.out(String(format: "wordnet: open %.2f ms (memory-mapped, searched in place); a prompt of 7 unknown nouns, cold cache: %.2f ms",
                           opened, median(cold)))
    }

    /// Runs this binary's `render` on a copy of an example project: once to fill the cache, then timed.
    func benchCachedRerender() throws {
        guard FileManager.default.fileExists(atPath: ProjectFile.path(in: project)) else {
            Console.out("cached re-render: skipped, no project at \(project)")
            return
        }
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("storyreel-bench-\(getpid())").path
        try? FileManager.default.removeItem(atPath: temp)
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: temp) }
        try FileManager.default.copyItem(atPath: ProjectFile.path(in: project), toPath: ProjectFile.path(in: temp))
        let binary = CommandLine.arguments[0]
        _ = try runCapturingOutput(binary, ["render", temp, "--json"])
        var times: [Double] = []
        for _ in 0..<runs {
            let t0 = Date()
            try spawnQuietly(binary, ["render", temp, "--json"])
            times.append(Date().timeIntervalSince(t0) * 1000)
        }
        let lastOutput = try runCapturingOutput(binary, ["render", temp, "--json"])
        let shots = (try? ProjectFile.load(folder: temp).project.shots.count) ?? 0
        let calls = lastOutput.range(of: "\"denoiser_calls\":0") != nil ? "0 denoiser calls" : "DENOISER CALLS > 0: \(lastOutput)"
        Console.out(String(format: "cached re-render of %@ (%d shots), whole command wall time, median of %d: %.1f ms (target ≤ 100 ms), %@",
                           project, shots, runs, median(times), calls))
    }
}
