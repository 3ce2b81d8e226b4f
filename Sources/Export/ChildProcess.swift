#if canImport(Glibc)
import Glibc
#endif

/// A child process in its own process group, with its stdin and stderr on pipes we hold (both non-blocking, so a
/// caller can wait on them with a deadline) and stdout on /dev/null. Foundation's Process gives no process group,
/// so stopping it could not reach what the child started.
final class ChildProcess {
    let pid: pid_t
    /// Our end of the child's stdin; -1 once closed.
    private(set) var stdin: Int32
    /// Our end of the child's stderr; -1 once the child closed it and we read it to the end.
    private(set) var stderr: Int32
    /// The child's wait status once reaped.
    private(set) var status: Int32?

    /// Starts `executable` with `arguments` (argv[0] excluded) and this process's environment.
    init(executable: String, arguments: [String]) throws(ExportError) {
        var input: [Int32] = [-1, -1], errors: [Int32] = [-1, -1]
        guard pipe(&input) == 0 else { throw ExportError("cannot start ffmpeg: no pipe (\(String(cString: strerror(errno))))") }
        guard pipe(&errors) == 0 else {
            close(input[0])
            close(input[1])
            throw ExportError("cannot start ffmpeg: no pipe (\(String(cString: strerror(errno))))")
        }
        // CLOEXEC: a process another thread spawns must not hold our ends (ffmpeg would never see EOF). Glibc's
        // pipe2 is not visible to Swift; the window before fcntl is a few instructions.
        for fd in input + errors { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own group, so a stop reaches its children too; default signals and an empty mask, because we ignore
        // SIGPIPE and the threads of a test runner or the studio may block SIGTERM, and exec passes both on.
        posix_spawnattr_setpgroup(&attributes, 0)
        var empty = sigset_t(), defaults = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        close(input[0])
        close(errors[1])
        guard result == 0 else {
            close(input[1])
            close(errors[0])
            throw ExportError("cannot start ffmpeg at \(executable): \(String(cString: strerror(result)))")
        }
        pid = child
        stdin = input[1]
        stderr = errors[0]
        _ = fcntl(stdin, F_SETFL, fcntl(stdin, F_GETFL) | O_NONBLOCK)
        _ = fcntl(stderr, F_SETFL, fcntl(stderr, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        closeInput()
        if stderr >= 0 { close(stderr) }
        if status == nil { stop(grace: 0) }
    }

    /// Closes the child's stdin: end of input.
    func closeInput() {
        if stdin >= 0 {
            close(stdin)
            stdin = -1
        }
    }

    /// Reads what stderr has now into `ring`; false once the child closed it.
    @discardableResult
    func readErrors(into ring: inout ByteRing) -> Bool {
        guard stderr >= 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(stderr, $0.baseAddress!, $0.count) }
            if n > 0 {
                buffer.withUnsafeBytes { ring.append(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && errno == EAGAIN { return true }
            close(stderr)
            stderr = -1
            return false
        }
    }

    /// Reaps the child if it has exited; its wait status, or nil while it runs.
    func reap() -> Int32? {
        if let status { return status }
        var raw: Int32 = 0
        let r = waitpid(pid, &raw, WNOHANG)
        if r == pid { status = raw }
        return status
    }

    /// Ends the child's whole process group: SIGTERM, up to `grace` seconds to exit, then SIGKILL; always reaps it,
    /// so no zombie is left.
    func stop(grace: Double) {
        guard reap() == nil else { return killGroup(SIGKILL) }
        killGroup(SIGTERM)
        let deadline = Monotonic.now + grace
        while reap() == nil && Monotonic.now < deadline { usleep(20_000) }
        // The group may outlive its leader (a child that ignores SIGTERM); it goes either way.
        killGroup(SIGKILL)
        guard status == nil else { return }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        status = raw
    }

    private func killGroup(_ signal: Int32) {
        _ = kill(-pid, signal)
    }
}
