import Foundation

/// The largest resident memory a project's farm tasks have used, per model, measured by the tasks themselves
/// (`getrusage`) and kept in `.storyreel/farm/peak-rss.json`, so the next submission asks Slurm for what a task
/// really needs rather than a guess.
public enum PeakMemory {
    static func path(_ project: String) -> String { FarmPlan.folder(of: project) + "/peak-rss.json" }

    /// Peak resident megabytes by model id, as recorded so far.
    public static func recorded(_ project: String) -> [String: Int] {
        guard let data = FileManager.default.contents(atPath: path(project)),
              let values = try? JSONDecoder().decode([String: Int].self, from: data) else { return [:] }
        return values
    }

    /// This process's peak resident memory in megabytes.
    public static func ofThisProcess() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) / 1024 + 1
    }

    /// Raises the record for `model` to `megabytes` when it is higher. Tasks on many hosts may race: a lost update
    /// costs one under-estimate that the next task corrects, never a damaged file (the write is a rename).
    public static func record(_ megabytes: Int, model: String, project: String, write: ([UInt8], String) throws -> Void) {
        var values = recorded(project)
        guard megabytes > values[model] ?? 0 else { return }
        values[model] = megabytes
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let data = try? encoder.encode(values) { try? write(Array(data), path(project)) }
    }

    /// What a task should ask for: the measured peak with half again for headroom, at least `minimum`.
    public static func request(measured: Int?, minimum: Int) -> Int {
        guard let measured else { return minimum }
        return max(minimum, measured * 3 / 2 + 64)
    }
}
