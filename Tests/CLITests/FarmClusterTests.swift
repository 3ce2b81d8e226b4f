import Foundation
import Render
import Testing
import TestSupport

/// `storyreel farm` against a real one-node Slurm cluster: a 12-shot board rendered as a job array, every frame
/// byte-identical to a local render, nothing resubmitted when nothing is stale, and a task killed mid-render leaving
/// a cache that verifies and a gap the next submit fills.
@Suite(.serialized, .enabled(if: SlurmCluster.unavailable == nil, "Slurm: \(SlurmCluster.unavailable ?? "")"))
struct FarmClusterTests {
    static let prompts = [
        "wide shot of a horse galloping from left to right on the beach at sunset", "full shot of a man walking from right to left",
        "a dog running towards the camera in a park", "a red car driving away from the camera on a road",
        "full shot of a woman waving", "full shot of a child jumping in a park", "a bird flying over the sea",
        "medium shot of a person turning to look", "a red sofa in a living room", "close-up of a bottle on a table",
        "a lighthouse on a cliff at dusk", "two people walking in the park at golden hour",
    ]

    func project(_ folder: String) throws {
        var text = "title = \"Farm test\"\nwidth = 256\nheight = 144\n\n[defaults]\nsteps = 8\n"
        for (i, prompt) in Self.prompts.enumerated() {
            text += "\n[[shot]]\nid = \"s\(String(format: "%02d", i + 1))\"\nprompt = \"\(prompt)\"\nseed = \(40 + i)\nduration = 1.0\n"
        }
        try text.write(toFile: folder + "/storyboard.toml", atomically: true, encoding: .utf8)
    }

    func storyreel(_ cluster: SlurmCluster, _ arguments: [String]) throws -> (out: String, err: String, status: Int32) {
        try runProgram(CLITests.binary, arguments, environment: cluster.environment, timeout: 120)
    }

    /// Every file under `a/frames` and `a/clips` equals the one under `b`.
    func sameRenders(_ a: String, _ b: String) throws -> [String] {
        var differing: [String] = []
        let fm = FileManager.default
        let files = (fm.subpaths(atPath: b + "/frames") ?? []).map { "frames/" + $0 } + (fm.subpaths(atPath: b + "/clips") ?? []).map { "clips/" + $0 }
        for file in files where file.hasSuffix(".png") {
            if fm.contents(atPath: a + "/" + file) != fm.contents(atPath: b + "/" + file) { differing.append(file) }
        }
        return differing
    }

    /// Every cache entry verifies under its own key, and nothing but entries (and live temporaries) is there.
    func cacheVerifies(_ folder: String) throws -> Int {
        let latents = folder + "/.storyreel/cache/latents"
        var count = 0
        for shard in try FileManager.default.contentsOfDirectory(atPath: latents) {
            for name in try FileManager.default.contentsOfDirectory(atPath: latents + "/" + shard) where name.hasSuffix(".latent") {
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: latents + "/" + shard + "/" + name)))
                #expect(LatentCache.decode(bytes, key: RenderKey(bytes: Array(bytes[8..<40]))) != nil, "\(name) does not verify")
                count += 1
            }
        }
        return count
    }

    @Test func twelveShotsRenderOnTheFarmAsTheyWouldHere() throws {
        let cluster = try SlurmCluster()
        let farm = TestFolder(), local = TestFolder()
        try project(farm.path)
        try project(local.path)
        let submit = try storyreel(cluster, ["farm", "submit", farm.path])
        #expect(submit.status == 0, "\(submit.err)")
        #expect(submit.out.contains("12 tasks"), "\(submit.out)")
        #expect(cluster.waitUntilIdle(seconds: 240), "the array did not finish")
        let status = try storyreel(cluster, ["farm", "status", farm.path])
        #expect(status.out.contains("12 tasks: 12 done"), "\(status.out)\(status.err)")
        // Each task wrote its exit status beside its log.
        let dir = try #require(try FileManager.default.contentsOfDirectory(atPath: farm.path + "/.storyreel/farm").first { $0.first?.isNumber == true })
        let exits = try FileManager.default.contentsOfDirectory(atPath: farm.path + "/.storyreel/farm/" + dir).filter { $0.hasSuffix(".exit") }
        #expect(exits.count == 12)
        let here = try storyreel(cluster, ["render", local.path])
        #expect(here.status == 0, "\(here.err)")
        #expect(try sameRenders(farm.path, local.path).isEmpty)
        #expect(try cacheVerifies(farm.path) == 24)
        let again = try storyreel(cluster, ["farm", "submit", farm.path])
        #expect(again.status == 0 && again.out.contains("nothing to submit"), "\(again.out)\(again.err)")
    }

    @Test func aTaskKilledMidRenderLeavesAConsistentCacheAndTheNextSubmitFillsTheGap() throws {
        let cluster = try SlurmCluster()
        let farm = TestFolder(), local = TestFolder()
        try project(farm.path)
        try project(local.path)
        let submit = try storyreel(cluster, ["farm", "submit", farm.path])
        #expect(submit.status == 0, "\(submit.err)")
        let job = try #require(submit.out.split(separator: " ").dropFirst(2).first.map { String($0.dropLast()) })
        // Kill task 0 as soon as it runs: mid-way through its render.
        let deadline = Date().addingTimeInterval(60)
        var killed = false
        while Date() < deadline && !killed {
            let q = try cluster.run("squeue", ["-h", "-r", "-j", job, "-o", "%i|%T"])
            if q.out.contains("\(job)_0|RUNNING") {
                killed = (try cluster.run("scancel", ["--signal=KILL", "\(job)_0"])).status == 0
            }
            usleep(50_000)
        }
        #expect(killed, "task 0 was never seen running")
        #expect(cluster.waitUntilIdle(seconds: 240))
        _ = try cacheVerifies(farm.path)
        let status = try storyreel(cluster, ["farm", "status", farm.path])
        #expect(status.out.contains("11 done"), "\(status.out)")
        // The next submit renders only what is still missing: s01, unless the kill came after its last write (then
        // its shot is current and nothing is stale).
        let refill = try storyreel(cluster, ["farm", "submit", farm.path])
        #expect(refill.out.contains("1 task (s01)") || refill.out.contains("nothing to submit"), "\(refill.out)\(refill.err)")
        #expect(!refill.out.contains("s02"), "\(refill.out)")
        #expect(cluster.waitUntilIdle(seconds: 120))
        _ = try storyreel(cluster, ["render", local.path])
        #expect(try sameRenders(farm.path, local.path).isEmpty)
        #expect(try cacheVerifies(farm.path) == 24)
    }
}
