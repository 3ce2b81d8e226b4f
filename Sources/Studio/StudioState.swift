import Project

/// Everything the studio shows, as a value. Only `reduce` changes it.
public struct StudioState: Sendable {
    public var project: Project
    public var selected = 0
    public var mode: StudioMode = .browse
    /// Field the fields panel has focus on (Tab cycles; Enter edits it).
    public var focusedField: ShotField = .prompt
    public var status: [String: ShotStatus] = [:]
    /// A one-line message for the status bar (errors, "saved", hints).
    public var message: String?
    public var saved = true
    public var undoStack: [Project] = []
    public var redoStack: [Project] = []
    public var cacheHits = 0
    public var shouldQuit = false
    /// Seconds into the cut the playhead was left at.
    public var playhead = 0.0

    public init(project: Project) {
        self.project = project
    }

    public var selectedShot: Shot? { project.shots.indices.contains(selected) ? project.shots[selected] : nil }

    /// Shot index and time within it for a time in the cut.
    public func shotAt(time: Double) -> (index: Int, offset: Double)? {
        var start = 0.0
        for (i, shot) in project.shots.enumerated() {
            if time < start + shot.duration { return (i, time - start) }
            start += shot.duration
        }
        return nil
    }
}
