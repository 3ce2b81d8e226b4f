import Project

/// Everything the studio shows, as a value. Only `reduce` changes it.
public struct StudioState: Sendable {
    public var project: Project
    public var selected = 0
    public var mode: StudioMode = .browse
    /// Field the fields panel has focus on (Tab cycles; Enter edits it).
    public var focusedField: ShotField = .prompt
    public var status: [String: ShotStatus] = [:]
    /// A one-line error for the status bar; the next key clears it.
    public var message: String?
    /// A one-line note for the status bar that is not an error (an export done, a hint); the next key clears it.
    public var notice: String?
    public var saved = true
    public var undoStack: [Project] = []
    public var redoStack: [Project] = []
    public var cacheHits = 0
    public var shouldQuit = false
    /// Seconds into the cut the playhead was left at.
    public var playhead = 0.0
    /// The drawing of the selected shot's clip the preview shows when stepping (0 is the key drawing).
    public var clipDrawing = 0
    /// When the preview started looping the selected shot's clip; nil when it is not looping.
    public var loopingSince: Double?
    /// The time of the last tick, for the loop.
    public var clock = 0.0
    /// The `:export` running in the background, if one is.
    public var exporting: ExportProgress?
    /// A/B: the shot marked as A; while another shot is selected, the preview shows A beside it.
    public var compareWith: String?
    /// How many lines the help overlay is scrolled down.
    public var helpScroll = 0
    /// What the render queue runs and what waits.
    public var activity = RenderActivity()
    /// Where each seed of the open variants grid stands.
    public var variantStatus: [UInt32: ShotStatus] = [:]
    /// The seeds each shot's variants grid offered this session, so opening it again shows (and costs) the same.
    public var offeredVariants: [String: [UInt32]] = [:]

    public init(project: Project) {
        self.project = project
    }

    /// The model the selected shot renders with (the project's, unless the shot names its own).
    public var modelName: String {
        selectedShot.map { project.renderSettings(for: $0).model } ?? project.model
    }

    public var selectedShot: Shot? { project.shots.indices.contains(selected) ? project.shots[selected] : nil }

    /// The shot shown as A beside the selected one, when A/B is on and another shot is selected.
    public var compareShot: Shot? {
        guard let id = compareWith, id != selectedShot?.id else { return nil }
        return project.shot(id: id)
    }

    /// The field edit in progress, when its text differs from the shot's: what a crash would lose.
    public var editInProgress: RecoveredEdit? {
        guard case .editing(let field, let text) = mode, let shot = selectedShot, text.text != field.text(of: shot) else { return nil }
        return RecoveredEdit(shotID: shot.id, field: field, text: text.text)
    }

    /// The drawing of the selected shot's clip the preview shows now: from the playhead while playing, from the
    /// loop's clock while looping, else the stepped one.
    public var previewDrawing: Int {
        guard let shot = selectedShot else { return 0 }
        let rate = Double(project.drawingsPerSecond(for: shot))
        let count = project.drawingCount(for: shot)
        if case .playing = mode, let at = shotAt(time: playhead) {
            return min(count - 1, Int((at.offset * rate + 1e-9).rounded(.down)))
        }
        if let since = loopingSince {
            return Int((max(0, clock - since) * rate + 1e-9).rounded(.down)) % count
        }
        return min(clipDrawing, count - 1)
    }

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
