import Foundation

/// What one `farm submit` sent to the scheduler: its tasks in array order, the job ids Slurm gave them, and where
/// their logs go. Saved as JSON in the project's `.storyreel/farm/` so `status` and `cancel` find the jobs again.
public struct FarmPlan: Codable, Sendable, Equatable {
    public var project: String
    public var created: Date
    public var tasks: [FarmTask]
    /// The render array job, and the export job that waits for it, once submitted.
    public var renderJob: String?
    public var exportJob: String?
    /// Cores and memory each task asked for.
    public var cores: Int
    public var memoryMB: Int

    public init(project: String, created: Date, tasks: [FarmTask], cores: Int, memoryMB: Int) {
        self.project = project
        self.created = created
        self.tasks = tasks
        self.cores = cores
        self.memoryMB = memoryMB
    }

    /// The folder of a project's farm submissions.
    public static func folder(of project: String) -> String { project + "/.storyreel/farm" }

    /// The folder of this submission: its plan, batch script, logs and exit codes.
    public func folder(stamp: String) -> String { FarmPlan.folder(of: project) + "/" + stamp }

    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return Array(try encoder.encode(self)) + [10]
    }

    public static func decode(_ bytes: [UInt8]) throws -> FarmPlan {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(FarmPlan.self, from: Data(bytes))
    }
}
