/// The batch scripts a submission hands to `sbatch`: a job array with one task per stale shot or variant, and the
/// export that waits for it. Every path is quoted for the shell; a task writes its exit status beside its log, so
/// `status` can tell a failed task from a finished one after Slurm has forgotten both.
public enum SlurmScript {
    /// The render array's script.
    public static func renderArray(storyreel: String, project: String, plan: String, folder: String, jobName: String,
                                   tasks: Int, cores: Int, memoryMB: Int, partition: String?) -> String {
        var lines = [
            "#!/bin/sh",
            "#SBATCH --job-name=\(jobName)",
            "#SBATCH --array=0-\(max(0, tasks - 1))",
            "#SBATCH --cpus-per-task=\(cores)",
            "#SBATCH --mem=\(memoryMB)M",
            "#SBATCH --output=\(folder)/task-%a.log",
        ]
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        lines += [
            "# Written by storyreel farm submit: one task per stale shot or variant of \(quote(project)).",
            "\(quote(storyreel)) render \(quote(project)) --task-file \(quote(plan)) --task \"$SLURM_ARRAY_TASK_ID\"",
            "status=$?",
            "echo \"$status\" > \(quote(folder))/task-\"$SLURM_ARRAY_TASK_ID\".exit",
            "exit $status",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The export job's command line, for `sbatch --wrap`.
    public static func export(storyreel: String, project: String, arguments: [String]) -> String {
        ([quote(storyreel), "export", quote(project)] + arguments.map(quote)).joined(separator: " ")
    }

    /// `s` as one shell word.
    public static func quote(_ s: String) -> String {
        if !s.isEmpty && s.allSatisfy({ $0.isLetter || $0.isNumber || "/._-+=:,@".contains($0) }) && s.allSatisfy(\.isASCII) { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A Slurm job name from a project title: letters, digits, dash and underscore.
    public static func jobName(_ title: String) -> String {
        let cleaned = String(title.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }.prefix(40))
        return "storyreel-" + (cleaned.isEmpty ? "project" : cleaned)
    }
}
