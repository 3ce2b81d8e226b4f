/// What the studio is doing with the keyboard right now.
public enum StudioMode: Sendable, Equatable {
    case browse
    /// Editing one field of the selected shot.
    case editing(ShotField, TextField)
    /// Typing a `:` command.
    case command(TextField)
    /// The key bindings overlay.
    case help
    /// The variants grid of the selected shot.
    case variants(VariantGrid)
    /// Playing the cut from `start` (seconds into the cut) since `since` (monotonic seconds).
    case playing(start: Double, since: Double)
    /// Asking whether to restore an edit a previous session left unfinished.
    case recovery(RecoveredEdit)
}
