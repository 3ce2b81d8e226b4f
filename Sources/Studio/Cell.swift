import Project
import SafeText

/// One character cell of the screen with the theme scope that colours it.
public struct Cell: Sendable, Equatable {
    /// Never a control character: the grid is copied to the terminal as it is.
    public private(set) var character: Character
    public var scope: Scope

    /// A cell showing `character`, or its picture (`TerminalText.cellCharacter`) when it would act on the terminal.
    public init(_ character: Character = " ", _ scope: Scope = .text) {
        self.character = TerminalText.cellCharacter(character)
        self.scope = scope
    }
}

/// What a cell is, for the theme: helix-style scope names with fallback.
public enum Scope: String, CaseIterable, Sendable {
    case text = "ui.text"
    case dim = "ui.text.dim"
    case title = "ui.title"
    case selection = "ui.selection"
    case focus = "ui.selection.focus"
    case statusbar = "ui.statusbar"
    case error = "ui.statusbar.error"
    case timeline = "ui.timeline"
    case timelineAlt = "ui.timeline.alt"
    case timelineSelected = "ui.timeline.selected"
    case playhead = "ui.timeline.playhead"
    case border = "ui.window"
    case cursor = "ui.cursor"
    case ready = "ui.marker.ready"
    case stale = "ui.marker.stale"
    case rendering = "ui.marker.rendering"

    /// The scope to use when a theme does not set this one: the name with its last part removed.
    public var fallback: Scope? {
        let parts = rawValue.split(separator: ".")
        guard parts.count > 2 else { return self == .text ? nil : .text }
        return Scope(rawValue: parts.dropLast().joined(separator: ".")) ?? .text
    }
}
