import Foundation

/// A private tmux server for tests that need a real terminal: its own socket, so suites running at once never
/// stop each other's sessions.
public struct TmuxHost {
    public let socket: String

    public init(socket: String) {
        self.socket = socket
    }

    @discardableResult
    public func run(_ args: [String]) throws -> String {
        try runProgram("/usr/bin/env", ["tmux", "-L", socket] + args).out
    }

    /// Starts a detached session running `command`. The server outlives this call and would keep every descriptor
    /// it inherits (other tests' pipes among them) open forever, so it is started through Python with close_fds.
    public func start(session: String, command: String, width: Int = 120, height: Int = 36) throws {
        let spawn = "import subprocess, sys; subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True)"
        _ = try runProgram("/usr/bin/env", ["python3", "-c", spawn, "tmux", "-L", socket, "new-session", "-d", "-x", String(width),
                                            "-y", String(height), "-s", session, command])
    }

    /// Types `keys` (tmux key names) into the session.
    public func send(session: String, keys: [String]) throws {
        try run(["send-keys", "-t", session] + keys)
    }

    /// Polls the session's screen until it contains `text` (at most `seconds`); whether it did.
    public func waitForScreen(session: String, containing text: String, seconds: Double) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try run(["capture-pane", "-p", "-t", session]).contains(text) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    public func stop() {
        _ = try? run(["kill-server"])
    }
}
