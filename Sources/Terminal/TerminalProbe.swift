#if canImport(Glibc)
import Glibc
#endif

/// Asks the terminal what it can do, in one round trip with a timeout: XTSMGRAPHICS colour registers, cell size
/// (CSI 16 t), then primary device attributes, which every terminal answers, so its reply ends the wait.
public enum TerminalProbe {
    /// Probes the terminal on `fd` (stdin/tty). Returns environment-only capabilities when it is not a terminal.
    public static func detect(fd: Int32 = 0, output: Int32 = 1, timeoutMilliseconds: Int32 = 300,
                              environment: [String: String]) -> TerminalCapabilities {
        var caps = TerminalCapabilities()
        ReplyParser.applyEnvironment(environment, to: &caps)
        var size = winsize()
        if ioctl(output, UInt(TIOCGWINSZ), &size) == 0, size.ws_xpixel > 0, size.ws_ypixel > 0, size.ws_col > 0, size.ws_row > 0 {
            caps.cellSize = (Int(size.ws_xpixel) / Int(size.ws_col), Int(size.ws_ypixel) / Int(size.ws_row))
        }
        guard isatty(fd) == 1, isatty(output) == 1 else { return caps }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return caps }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        tcsetattr(fd, TCSANOW, &raw)
        defer { tcsetattr(fd, TCSANOW, &saved) }
        let query = Array("\u{1B}[?1;1;0S\u{1B}[16t\u{1B}[c".utf8)
        _ = query.withUnsafeBytes { write(output, $0.baseAddress, $0.count) }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        var remaining = timeoutMilliseconds
        while remaining > 0 && reply.count < 4096 {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let start = monotonicMilliseconds()
            guard poll(&pfd, 1, remaining) > 0 else { break }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            reply += buffer[0..<n]
            // DA1 ends with 'c' after ESC [ ?: the last reply has arrived.
            if let esc = reply.lastIndex(of: 0x1B), reply[esc...].contains(0x63), reply.last == 0x63 { break }
            remaining -= Int32(monotonicMilliseconds() - start)
        }
        ReplyParser.parse(reply, into: &caps)
        return caps
    }

    static func monotonicMilliseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
    }
}
