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
    /// The unfinished edit a signal or a lost terminal left in the recovery file, for the goodbye line.
    public private(set) var keptEdit: RecoveredEdit?

    public init(folder: String, project: Project, theme: Theme, keymap: Keymap = .standard) {
        self.folder = folder
        self.project = project
        self.theme = theme
        self.keymap = keymap
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
        let runtime = StudioRuntime(state: StudioState(project: project), backend: screen,
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
