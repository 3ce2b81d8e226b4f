import Foundation
import Project
import Render
import Storage
import Studio

/// The studio in a terminal: takes the project lock, sets up signals and the crash handlers, then runs Studio's
/// loop (`StudioRuntime`) over the ncurses backend and the live services. The terminal is restored on every way out.
public final class StudioApp: @unchecked Sendable {
    let folder: String
    let project: Project
    let theme: Theme
    let keymap: Keymap
    /// Problems found in the theme or keymap files, shown on the status bar at start: they were printed before the
    /// studio started, on the screen its own hides until it ends.
    let warnings: [String]
    /// The unfinished edit a signal or a lost terminal left in the recovery file, for the goodbye line.
    public private(set) var keptEdit: RecoveredEdit?

    public init(folder: String, project: Project, theme: Theme, keymap: Keymap = .standard, warnings: [String] = []) {
        self.folder = folder
        self.project = project
        self.theme = theme
        self.keymap = keymap
        self.warnings = warnings
    }

    /// Runs until the user quits, a signal arrives or the terminal goes.
    public func run() throws {
        let lock = try ProjectLock(folder: folder, purpose: "storyreel studio")
        LeftoverSweeper.sweep(projectFolder: folder)
        defer { withExtendedLifetime(lock) {} }
        // Before ncurses takes the keyboard: the crash handlers save the terminal's settings as the user had them,
        // and the probe reads the terminal's replies itself (ncurses would take them for keys).
        InheritedSignals.reset()
        CrashRestore.install()
        let screen = Screen(theme: theme, graphics: StudioGraphics.detect(environment: ProcessInfo.processInfo.environment))
        var state = StudioState(project: project)
        if let first = warnings.first {
            // The file by its name: the whole path was printed, and the status bar is one line.
            let parts = first.split(separator: ":", maxSplits: 1)
            let short = parts.count == 2 ? (String(parts[0]) as NSString).lastPathComponent + ":" + parts[1] : first
            state.message = "warning: \(short)" + (warnings.count > 1 ? " (and \(warnings.count - 1) more, listed when the studio ends)" : "")
        }
        let runtime = StudioRuntime(state: state, backend: screen,
                                    services: LiveStudioServices(folder: folder), keymap: keymap)
        var signals: [DispatchSourceSignal] = []
        // SIGHUP means the terminal is gone; SIGTERM, someone asking politely. Both end the studio from any mode.
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { runtime.post(sig == SIGINT ? .quit : .terminate) }
            source.resume()
            signals.append(source)
        }
        defer {
            screen.close()
            for s in signals { s.cancel() }
        }
        runtime.run()
        keptEdit = runtime.keptEdit
    }
}
