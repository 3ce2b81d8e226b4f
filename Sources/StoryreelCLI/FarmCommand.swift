import ArgumentParser
import Export
import Farm
import Foundation
import Project
import Render
import Storage

/// `storyreel farm submit|status|cancel DIR`: a board's stale renders as a Slurm job array over shared storage.
struct FarmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "farm",
        abstract: "Render a board's stale shots on a Slurm cluster, with the project and its cache on shared storage.",
        discussion: """
            submit writes a job array (one task per stale shot, or variant with --variants) and an optional export \
            job that waits for it, and hands both to sbatch; status shows each task's state from squeue, its exit \
            status and the cache; cancel stops them. The project folder must be on storage every node mounts at \
            the same path, and the storyreel binary too (--storyreel names it).
            """,
        subcommands: [FarmSubmit.self, FarmStatus.self, FarmCancel.self])
}

/// Where a project's farm submissions are, and the tools that talk to Slurm.
enum FarmTools {
    /// Runs a Slurm command; its stdout, or a clear failure naming the command.
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do {
            try p.run()
        } catch {
            throw Console.fail("cannot run \(tool): \(error.localizedDescription)", code: 1)
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let why = errors.trimmingCharacters(in: .whitespacesAndNewlines)
            throw Console.fail("\(tool) failed (status \(p.terminationStatus))\(why.isEmpty ? "" : ": " + why)", code: 1)
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The absolute form of a folder, as nodes will see it on shared storage.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
    }

    /// The newest submission of a project: its plan and folder.
    static func latest(_ folder: String) throws -> (plan: FarmPlan, folder: String) {
        let farm = FarmPlan.folder(of: absolute(folder))
        // Submissions are folders named by their UTC time stamp; other files there (peak-rss.json) are not.
        guard let stamps = try? FileManager.default.contentsOfDirectory(atPath: farm).filter({ $0.first?.isNumber == true && !$0.hasSuffix(".json") }).sorted(),
              let stamp = stamps.last else {
            throw Console.fail("no farm submission in \(folder); 'storyreel farm submit \(folder)' makes one", code: 2)
        }
        let path = farm + "/" + stamp + "/plan.json"
        do {
            return (try FarmPlan.decode(try FileReader.read(path)), farm + "/" + stamp)
        } catch {
            throw Console.fail("cannot read \(path): \(error)", code: 1)
        }
    }
}

struct FarmSubmit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "submit", abstract: "Submit the board's stale renders as a job array.")

    @Argument(help: "The project folder (on storage every node mounts at the same path).")
    var folder: String = "."

    @Option(help: "The Slurm partition to run in.")
    var partition: String?

    @Flag(help: "Also render every shot's variants (its `variants` seeds) into the cache.")
    var variants = false

    @Option(parsing: .upToNextOption, help: "Export after the renders, with the words of 'storyreel export' (e.g. --export pdf board.pdf mp4 cut.mp4).")
    var export: [String] = []

    @Option(help: "The storyreel binary the nodes run (default: this one).")
    var storyreel: String?

    @Flag(help: "Write the plan and the batch script, print what would be submitted, and submit nothing.")
    var dryRun = false

    func run() throws {
        let project = FarmTools.absolute(folder)
        let loaded = try Console.loadProject(project)
        let renderer = ProjectRenderer(folder: project, project: loaded)
        var tasks: [FarmTask] = []
        for shot in loaded.shots {
            do {
                if !(try renderer.isCurrent(shot)) { tasks.append(FarmTask(shot: shot.id)) }
                if variants {
                    for seed in shot.variants where seed != shot.seed {
                        if !(try renderer.variantIsCached(shot, seed: seed)) { tasks.append(FarmTask(shot: shot.id, seed: seed)) }
                    }
                }
            } catch let error as RenderError {
                throw Console.fail(error.message, code: 2)
            }
        }
        guard !tasks.isEmpty else {
            Console.out("nothing to submit: every shot of \(folder) is rendered and current")
            return
        }
        let exportWords = export.map { $0.hasPrefix("--") ? String($0.dropFirst(2)) : $0 }
        if !exportWords.isEmpty {
            do {
                _ = try ExportArguments.parse(words: exportWords)
            } catch {
                throw Console.fail("--export: \(error.message)", code: 2)
            }
        }
        let (cores, memory) = Self.resources(loaded, folder: project)
        var plan = FarmPlan(project: project, created: Date(), tasks: tasks, cores: cores, memoryMB: memory)
        let stamp = Self.stamp(plan.created)
        let dir = plan.folder(stamp: stamp)
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw Console.fail("cannot create \(dir): \(error.localizedDescription)", code: 1)
        }
        let binary = storyreel ?? FarmTools.absolute(CommandLine.arguments[0])
        let planPath = dir + "/plan.json"
        let script = SlurmScript.renderArray(storyreel: binary, project: project, plan: planPath, folder: dir,
                                             jobName: SlurmScript.jobName(loaded.title), tasks: tasks.count, cores: cores,
                                             memoryMB: memory, partition: partition)
        do {
            try AtomicFile.write(try plan.encoded(), to: planPath)
            try AtomicFile.write(Array(script.utf8), to: dir + "/render.sbatch", permissions: 0o755)
        } catch {
            throw Console.fail("cannot write the job files in \(dir): \(error)", code: 1)
        }
        if dryRun {
            Console.out("would submit \(tasks.count) task\(tasks.count == 1 ? "" : "s") (\(tasks.prefix(8).map(\.label).joined(separator: ", "))\(tasks.count > 8 ? ", …" : "")), \(cores) core\(cores == 1 ? "" : "s") and \(memory) MB each: \(dir)/render.sbatch")
            return
        }
        let job = try FarmTools.run("sbatch", ["--parsable", dir + "/render.sbatch"]).split(separator: ";")[0]
            .trimmingCharacters(in: .whitespacesAndNewlines)
        plan.renderJob = job
        if !exportWords.isEmpty {
            var arguments = ["--parsable", "--dependency=afterok:\(job)", "--job-name=\(SlurmScript.jobName(loaded.title))-export",
                             "--output=\(dir)/export.log", "--cpus-per-task=2"]
            if let partition { arguments.append("--partition=\(partition)") }
            arguments.append("--wrap=" + SlurmScript.export(storyreel: binary, project: project, arguments: exportWords.flatMap { word in
                ExportArguments.flagNames.contains(word) || ExportArguments.valueNames.contains(word) ? ["--" + word] : [word]
            }))
            plan.exportJob = try FarmTools.run("sbatch", arguments).split(separator: ";")[0].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        do {
            try AtomicFile.write(try plan.encoded(), to: planPath)
        } catch {
            throw Console.fail("submitted job \(job), but cannot record it in \(planPath): \(error)", code: 1)
        }
        Console.out("submitted job \(job): \(tasks.count) task\(tasks.count == 1 ? "" : "s") (\(tasks.prefix(8).map(\.label).joined(separator: ", "))\(tasks.count > 8 ? ", …" : "")), \(cores) core\(cores == 1 ? "" : "s") and \(memory) MB each")
        if let exportJob = plan.exportJob { Console.out("submitted job \(exportJob): the export, after job \(job) succeeds") }
        Console.out("logs in \(dir); 'storyreel farm status \(folder)' shows progress")
    }

    /// Cores and memory per task from the model: the peak resident memory earlier tasks of this project measured
    /// for it (with headroom), else an estimate (the sketch model is one light process; a checkpoint needs its
    /// weights in memory, plus activations and the decoder).
    static func resources(_ project: Project, folder: String) -> (cores: Int, memoryMB: Int) {
        var memory = 256, cores = 1
        let measured = PeakMemory.recorded(folder)
        for spec in Set(project.shots.map { project.renderSettings(for: $0).model }) {
            var estimate = 512
            if spec.hasPrefix("sd:") {
                let path = String(spec.dropFirst(3))
                let full = path.hasPrefix("/") ? path : folder + "/" + path
                let bytes = FileManager.default.subpaths(atPath: full)?.reduce(0) { total, sub in
                    total + ((try? FileManager.default.attributesOfItem(atPath: full + "/" + sub)[.size] as? Int) ?? 0)
                } ?? ((try? FileManager.default.attributesOfItem(atPath: full)[.size] as? Int) ?? 0)
                estimate = bytes / (1 << 20) * 3 / 2 + 1536
                cores = 2
            }
            memory = max(memory, measured[spec].map { PeakMemory.request(measured: $0, minimum: 256) } ?? estimate)
        }
        return (cores, memory)
    }

    static func stamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f.string(from: date) + "-\(getpid())"
    }
}

struct FarmStatus: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show each task of the newest submission.")

    @Argument(help: "The project folder.")
    var folder: String = "."

    func run() throws {
        let (plan, dir) = try FarmTools.latest(folder)
        guard let job = plan.renderJob else { throw Console.fail("the newest submission in \(dir) was never accepted by sbatch", code: 1) }
        let queue = (try? FarmTools.run("squeue", ["-h", "-r", "-j", job, "-o", "%i|%T"])) ?? ""
        let states = SqueueState.parse(queue, job: job)
        let project = try Console.loadProject(FarmTools.absolute(folder))
        let renderer = ProjectRenderer(folder: FarmTools.absolute(folder), project: project)
        var counts: [String: Int] = [:]
        var lines: [String] = []
        for (i, task) in plan.tasks.enumerated() {
            let exit = (try? String(contentsOfFile: dir + "/task-\(i).exit", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            let state: String
            if let queued = states[i] {
                state = queued.lowercased()
            } else if exit == "0" {
                state = "done"
            } else if let exit {
                state = "failed (exit \(exit))"
            } else {
                state = "not running (cancelled or lost)"
            }
            counts[state.hasPrefix("failed") ? "failed" : state.hasPrefix("not running") ? "not running" : state, default: 0] += 1
            var line = "\(task.label.padding(toLength: 16, withPad: " ", startingAt: 0)) \(state)"
            if task.seed == nil, let shot = project.shot(id: task.shot), (try? renderer.isCurrent(shot)) == true { line += " · current in the cache" }
            lines.append(line)
            if state.hasPrefix("failed"), let log = try? String(contentsOfFile: dir + "/task-\(i).log", encoding: .utf8) {
                let tail = log.split(whereSeparator: \.isNewline).suffix(3)
                for l in tail { lines.append("    \(task.shot): \(l)") }
            }
        }
        let summary = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        Console.out("job \(job) · \(plan.tasks.count) task\(plan.tasks.count == 1 ? "" : "s"): \(summary)")
        if let exportJob = plan.exportJob {
            let exportState = (try? FarmTools.run("squeue", ["-h", "-j", exportJob, "-o", "%T"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            Console.out("export job \(exportJob): \(exportState.isEmpty ? "finished or cancelled (log: \(dir)/export.log)" : exportState.lowercased())")
        }
        for line in lines { Console.out(line) }
    }
}

struct FarmCancel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel the newest submission's jobs.")

    @Argument(help: "The project folder.")
    var folder: String = "."

    func run() throws {
        let (plan, _) = try FarmTools.latest(folder)
        let jobs = [plan.renderJob, plan.exportJob].compactMap { $0 }
        guard !jobs.isEmpty else { throw Console.fail("the newest submission has no jobs to cancel", code: 2) }
        _ = try FarmTools.run("scancel", jobs)
        Console.out("cancelled job\(jobs.count == 1 ? "" : "s") \(jobs.joined(separator: ", ")); what finished stays in the cache")
    }
}
