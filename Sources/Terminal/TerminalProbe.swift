#if canImport(Glibc)
import Glibc
#endif

/// Asks the terminal what it can do, in one round trip with a timeout: the kitty graphics query, XTVERSION,
/// XTSMGRAPHICS colour registers and largest sixel, cell size (CSI 16 t), then primary device attributes, which
/// every terminal answers, so its reply ends the wait (a terminal without kitty graphics just says nothing to it).
public enum TerminalProbe {
    /// The image id of the kitty query; its reply names it.
    public static let kittyQueryID = 31
    /// kitty query (a 1×1 RGB image, a=q: checked, never stored), XTVERSION, XTSMGRAPHICS read colour registers
    /// (Pi 1) and largest sixel geometry (Pi 2), CSI 16 t, DA1.
    static let queries = Array("\u{1B}_Gi=\(kittyQueryID),s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\\u{1B}[>0q\u{1B}[?1;1;0S\u{1B}[?2;1;0S\u{1B}[16t\u{1B}[c".utf8)

    /// The bytes written, and how many DA1 replies end the wait. With tmux passthrough the queries are wrapped so
    /// the outer terminal answers them (tmux would otherwise answer DA1 for itself); a plain DA1 follows, which tmux
    /// answers, so the wait still ends early if tmux keeps the outer terminal's replies to itself.
    public static func query(passthrough: Bool) -> (bytes: [UInt8], deviceAttributes: Int) {
        passthrough ? (TmuxPassthrough.wrap(queries) + Array("\u{1B}[c".utf8), 2) : (queries, 1)
    }

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
        let (query, expected) = query(passthrough: caps.tmuxPassthrough)
        _ = query.withUnsafeBytes { write(output, $0.baseAddress, $0.count) }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        // An absolute deadline, so a terminal that trickles bytes cannot stretch the wait past the timeout.
        let deadline = monotonicMilliseconds() + Int(timeoutMilliseconds)
        while reply.count < 4096 {
            let remaining = deadline - monotonicMilliseconds()
            guard remaining > 0 else { break }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, Int32(remaining)) > 0 else { break }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            reply += buffer[0..<n]
            if ReplyParser.deviceAttributeReplies(in: reply) >= expected { break }
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
