import Foundation
import Testing
@testable import Farm

@Suite struct FarmTests {
    @Test func squeueArrayTasksAreReadOneByOneAndFolded() {
        let out = "12_3|RUNNING\n12_[4-6,9]|PENDING\n13|PENDING\n12_10|COMPLETING\n"
        let states = SqueueState.parse(out, job: "12")
        #expect(states == [3: "RUNNING", 4: "PENDING", 5: "PENDING", 6: "PENDING", 9: "PENDING", 10: "COMPLETING"])
        #expect(SqueueState.parse(out, job: "1").isEmpty)
    }

    @Test func scriptAsksForTheArrayAndRecordsEachExitStatus() throws {
        let script = SlurmScript.renderArray(storyreel: "/opt/story reel/storyreel", project: "/mnt/proj", plan: "/mnt/proj/p.json",
                                             folder: "/mnt/proj/.storyreel/farm/x", jobName: "storyreel-Spot", tasks: 12, cores: 2,
                                             memoryMB: 3072, partition: "gpu")
        for line in ["#SBATCH --array=0-11", "#SBATCH --cpus-per-task=2", "#SBATCH --mem=3072M", "#SBATCH --partition=gpu",
                     "#SBATCH --output=/mnt/proj/.storyreel/farm/x/task-%a.log"] {
            #expect(script.contains(line + "\n"), "\(line)")
        }
        #expect(script.contains("'/opt/story reel/storyreel' render /mnt/proj --task-file /mnt/proj/p.json --task \"$SLURM_ARRAY_TASK_ID\""))
        // The script runs under sh: parse it the way sh does.
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/bin/sh")
        check.arguments = ["-n", "-c", script]
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0)
    }

    @Test func shellQuotingSurvivesAnyPath() throws {
        for path in ["plain/path.txt", "with space", "it's", "$(rm -rf x)", "tab\there", "ünïcode"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", "printf %s " + SlurmScript.quote(path)]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            #expect(String(decoding: data, as: UTF8.self) == path)
        }
        #expect(SlurmScript.jobName("Sunday Sofa!") == "storyreel-Sunday-Sofa-")
    }

    @Test func planRoundTrips() throws {
        var plan = FarmPlan(project: "/p", created: Date(timeIntervalSince1970: 1_800_000_000), tasks: [.init(shot: "s01"), .init(shot: "s02", seed: 7)],
                            cores: 1, memoryMB: 512)
        plan.renderJob = "41"
        #expect(try FarmPlan.decode(try plan.encoded()) == plan)
        #expect(plan.tasks[1].label == "s02 seed 77".replacingOccurrences(of: "77", with: "7"))
    }

    @Test func memoryRequestsFollowTheMeasuredPeak() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("farm-peak-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: FarmPlan.folder(of: folder), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let write: ([UInt8], String) throws -> Void = { bytes, path in try Data(bytes).write(to: URL(fileURLWithPath: path)) }
        PeakMemory.record(300, model: "sketch", project: folder, write: write)
        PeakMemory.record(120, model: "sketch", project: folder, write: write)
        PeakMemory.record(2900, model: "sd:/m/dream.safetensors", project: folder, write: write)
        #expect(PeakMemory.recorded(folder) == ["sketch": 300, "sd:/m/dream.safetensors": 2900])
        #expect(PeakMemory.request(measured: 300, minimum: 256) == 514)
        #expect(PeakMemory.request(measured: 40, minimum: 256) == 256)
        #expect(PeakMemory.request(measured: nil, minimum: 512) == 512)
        #expect(PeakMemory.ofThisProcess() > 1)
    }
}
