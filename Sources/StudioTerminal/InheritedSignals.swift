import Foundation

/// Undoes signal settings the studio may inherit: a parent that blocks signals in its threads (test runners,
/// some launchers) passes the mask on through exec, and a blocked SIGWINCH means no resize is ever seen, a blocked
/// SIGSEGV kills without the terminal restore, and blocked SIGTERM/SIGHUP are never turned into a save and quit.
enum InheritedSignals {
    static let needed = [SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGCONT, SIGTSTP] + CrashRestore.signals

    /// Unblocks the signals the studio acts on, in the calling thread and so in the threads it starts, and gives
    /// SIGWINCH its default action, since ncurses only installs its resize handler over the default.
    static func reset() {
        var set = sigset_t()
        sigemptyset(&set)
        for sig in needed { sigaddset(&set, sig) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        signal(SIGWINCH, SIG_DFL)
    }
}
