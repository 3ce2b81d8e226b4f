import Foundation

/// Array task states as `squeue -h -r -o '%i|%T'` prints them: `12_3|RUNNING`, one line per task with `-r`
/// (pending tasks may still come folded as `12_[4-7]|PENDING`, which is unfolded here).
public enum SqueueState {
    /// Task index → Slurm state ("PENDING", "RUNNING", …) for the array job `job`.
    public static func parse(_ output: String, job: String) -> [Int: String] {
        var states: [Int: String] = [:]
        for line in output.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "|", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0].hasPrefix(job + "_") else { continue }
            let index = parts[0].dropFirst(job.count + 1)
            let state = parts[1].trimmingCharacters(in: .whitespaces)
            if let n = Int(index) {
                states[n] = state
            } else if index.hasPrefix("["), index.hasSuffix("]") {
                for range in index.dropFirst().dropLast().split(separator: ",") {
                    let ends = range.split(separator: "%")[0].split(separator: "-").compactMap { Int($0) }
                    if ends.count == 2, ends[0] <= ends[1] { for n in ends[0]...ends[1] { states[n] = state } }
                    else if ends.count == 1 { states[ends[0]] = state }
                }
            }
        }
        return states
    }
}
