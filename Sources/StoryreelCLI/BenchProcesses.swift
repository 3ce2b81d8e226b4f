import Foundation
import Render

/// Runs a command with posix_spawn, output discarded: Foundation's Process adds tens of milliseconds per run,
/// which would swamp what is being measured.
func spawnQuietly(_ binary: String, _ arguments: [String]) throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([binary] + arguments).map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, binary, &actions, nil, argv, environ)
    guard rc == 0 else { throw RenderError("cannot run \(binary): \(String(cString: strerror(rc)))") }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
}

/// Runs a command and returns its standard output (standard error discarded), for benchmarks that read what a
/// command printed (its `--json`).
func runCapturingOutput(_ binary: String, _ arguments: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// Runs a command with standard output and error together captured, and reports its wall and CPU seconds (user
/// and system, of it and its children), for a benchmark that reads another tool's log. `marks` are strings the
/// log may print: for each, the command's CPU seconds so far when the first line holding it arrived (read from
/// /proc, so the CPU time of one phase of the run can be told; absent where /proc is not).
func runCapturingEverything(_ binary: String, _ arguments: [String], marks: [String] = [])
    throws -> (output: String, status: Int32, wall: Double, cpu: Double, cpuAtMark: [String: Double]) {
    func childCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
    /// utime + stime of a live process (all its threads), fields 14 and 15 of /proc/PID/stat.
    func processCPU(_ pid: Int32) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    let cpu = childCPU(), start = Date()
    try p.run()
    var data = Data(), atMark: [String: Double] = [:]
    let reader = pipe.fileHandleForReading
    while true {
        let chunk = reader.availableData
        if chunk.isEmpty { break }
        data.append(chunk)
        let pending = marks.filter { atMark[$0] == nil }
        if !pending.isEmpty {
            let text = String(decoding: data.suffix(64 << 10), as: UTF8.self)
            for mark in pending where text.contains(mark) { atMark[mark] = processCPU(p.processIdentifier) }
        }
    }
    p.waitUntilExit()
    return (String(decoding: data, as: UTF8.self), p.terminationStatus, Date().timeIntervalSince(start), childCPU() - cpu, atMark)
}

/// The median of timed runs (0 for none).
func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    guard !s.isEmpty else { return 0 }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
