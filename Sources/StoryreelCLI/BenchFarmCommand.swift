import ArgumentParser
import Foundation
import Project

/// `storyreel bench farm`: how fast `farm submit` finds what is stale and writes its job array, and what running a
/// shot as a farm task costs over rendering it with a plain `render` (both from the cache, so only overhead shows).
struct BenchFarm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "farm",
        abstract: "Submit-path tasks/s (dry run, no scheduler needed) and per-task overhead against a plain render.")

    @Option(help: "Shots in the benchmark board.")
    var shots: Int = 48

    @Option(help: "Timed runs per measurement.")
    var runs: Int = 7

    func run() throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("storyreel-bench-farm-\(getpid())").path
        try? FileManager.default.removeItem(atPath: temp)
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: temp) }
        var project = Project(title: "Farm bench", width: 512, height: 288)
        project.shots = (0..<shots).map { i in
            Shot(id: String(format: "s%02d", i + 1), prompt: BenchMotion.prompts[i % BenchMotion.prompts.count], seed: UInt32(i), duration: 2)
        }
        try ProjectFile.save(project, folder: temp)
        let binary = CommandLine.arguments[0]
        // Everything stale: the submit path checks every shot and writes a task for each.
        var submit: [Double] = []
        for _ in 0..<runs {
            let t = Date()
            try spawnQuietly(binary, ["farm", "submit", temp, "--dry-run"])
            submit.append(Date().timeIntervalSince(t))
        }
        let s = median(submit)
        Console.out(String(format: "farm submit --dry-run, %d stale shots: %.0f ms median of %d (%.0f tasks/s)", shots, s * 1000, runs, Double(shots) / s))
        // Per-task overhead: the same cached shot as a farm task and as a plain render.
        try spawnQuietly(binary, ["render", temp])
        guard let stamp = try FileManager.default.contentsOfDirectory(atPath: temp + "/.storyreel/farm").filter({ !$0.hasPrefix(".") && !$0.hasSuffix(".json") }).sorted().last else { return }
        let plan = temp + "/.storyreel/farm/" + stamp + "/plan.json"
        var task: [Double] = [], plain: [Double] = []
        for _ in 0..<runs {
            var t = Date()
            try spawnQuietly(binary, ["render", temp, "--task-file", plan, "--task", "0"])
            task.append(Date().timeIntervalSince(t))
            t = Date()
            try spawnQuietly(binary, ["render", temp, "--shot", "s01"])
            plain.append(Date().timeIntervalSince(t))
        }
        Console.out(String(format: "one cached shot as a farm task: %.1f ms, as 'render --shot': %.1f ms (overhead %+.1f ms a task)",
                           median(task) * 1000, median(plain) * 1000, (median(task) - median(plain)) * 1000))
    }
}
