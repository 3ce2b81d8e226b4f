import Foundation

/// Puts the terminal back when the studio dies of a crash signal (a Swift runtime trap is SIGILL or SIGTRAP), using
/// only async-signal-safe calls: write(2) of fixed reset bytes, tcsetattr(3) with the settings saved at start, then
/// the signal again with its default action, so the exit status and any core dump are the crash's own.
enum CrashRestore {
    /// Cancel any sequence in progress (a half-sent sixel would swallow the rest), plain colours, cursor shown,
    /// normal cursor keys and keypad, then out of the alternate screen.
    private static let resetText = "\u{18}\u{1B}[0m\u{1B}[?25h\u{1B}[?1l\u{1B}>\u{1B}[?1049l\r\n"
    /// Filled before any handler is installed; lets (not vars) so the handler reads them without exclusivity checks.
    nonisolated(unsafe) private static let reset: UnsafeMutableBufferPointer<UInt8> = {
        let bytes = Array(resetText.utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = buffer.initialize(from: bytes)
        return buffer
    }()
    nonisolated(unsafe) private static let saved: UnsafeMutablePointer<termios> = .allocate(capacity: 1)
    nonisolated(unsafe) private static let haveSaved: UnsafeMutablePointer<Int32> = {
        let flag = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        flag.pointee = 0
        return flag
    }()

    static let signals = [SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE]

    /// Saves the terminal's settings as they are now (call before ncurses changes them) and installs the handlers.
    static func install() {
        _ = reset
        haveSaved.pointee = isatty(0) == 1 && tcgetattr(0, saved) == 0 ? 1 : 0
        for sig in signals {
            signal(sig) { s in
                CrashRestore.restore()
                signal(s, SIG_DFL)
                // Blocked until this handler returns, then delivered with the default action.
                raise(s)
            }
        }
    }

    /// The handler's work, async-signal-safe.
    static func restore() {
        _ = write(1, reset.baseAddress, reset.count)
        if haveSaved.pointee == 1 { _ = tcsetattr(0, TCSANOW, saved) }
    }
}
