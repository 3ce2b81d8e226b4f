#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Whether the process that wrote a temporary file can still be writing it.
public enum WriterProcess {
    /// How far process start times read from /proc may be off (boot time is given in whole seconds).
    static let clockSlack: TimeInterval = 2

    /// True when process `pid` is gone (or a zombie), or when a process that started after the file was last
    /// written now has that pid (the writer died and its pid was reused). Our own files are never gone.
    public static func isGone(pid: Int32, lastWritten: Date) -> Bool {
        if pid == getpid() { return false }
        if kill(pid, 0) != 0 && errno == ESRCH { return true }
        guard let stat = statFields(pid) else { return false }
        if stat.state == "Z" || stat.state == "X" { return true }
        if let started = startTime(fromTicks: stat.startTicks), started > lastWritten.addingTimeInterval(clockSlack) { return true }
        return false
    }

    /// When process `pid` started, from /proc (nil where there is no /proc or no such process).
    public static func startTime(of pid: Int32) -> Date? {
        guard let stat = statFields(pid) else { return nil }
        return startTime(fromTicks: stat.startTicks)
    }

    private static func startTime(fromTicks ticks: Double) -> Date? {
        guard let boot = bootTime() else { return nil }
        let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard hz > 0 else { return nil }
        return Date(timeIntervalSince1970: boot + ticks / hz)
    }

    /// State letter and start time (clock ticks after boot) from /proc/PID/stat.
    private static func statFields(_ pid: Int32) -> (state: Character, startTicks: Double)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // The command name may hold spaces and parentheses; fields after the last ')' start at field 3 (state).
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let state = fields[0].first, let ticks = Double(fields[19]) else { return nil }
        return (state, ticks)
    }

    private static func bootTime() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}
