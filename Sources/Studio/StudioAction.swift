import Project

/// Everything that can happen to the studio: keys already mapped to intents, and results of background work.
public enum StudioAction: Sendable, Equatable {
    case moveSelection(Int)
    case focusNextField
    case beginEdit(ShotField?)
    case editInsert(String)
    case editBackspace, editDelete, editLeft, editRight, editHome, editEnd, editDeleteWord
    case commit
    case cancel
    case newSeed(UInt32)
    case addShot(seed: UInt32)
    case duplicateShot
    case deleteShot
    case moveShot(Int)
    case undo, redo
    case openVariants(count: Int, seeds: [UInt32])
    case pickVariant(Int)
    /// A/B: in the variants grid, show the focused seed beside the current one; elsewhere, mark the shot as A.
    case compare
    case togglePlay(now: Double)
    case tick(now: Double)
    /// Steps the selected shot's clip in the preview by `delta` drawings (stops a loop).
    case stepDrawing(Int)
    /// Starts or stops looping the selected shot's clip in the preview.
    case toggleLoop(now: Double)
    case openHelp
    /// Scrolls the help by `delta` lines, no further than `limit` (what the screen leaves hidden).
    case scrollHelp(Int, limit: Int)
    case openCommand
    case save
    /// The user quits (`q`, `:q`, Ctrl-C): an unfinished edit is dropped.
    case quit
    /// Ctrl-Z: back to the shell until `fg`, from any mode.
    case suspend
    /// SIGTERM, SIGHUP or a terminal that is gone: quit from any mode, keeping an unfinished edit for recovery.
    case terminate
    /// At start: a recovery file from a session that died mid-edit.
    case offerRecovery(RecoveredEdit)
    case renderProgress(id: String, step: Int, of: Int)
    case renderFinished(id: String, cached: Bool)
    /// A video model's clip sampling advanced (window and step 1-based).
    case clipProgress(id: String, window: Int, windows: Int, step: Int, of: Int)
    /// A shot's clip is on disk (or its sampling was cancelled).
    case clipFinished(id: String)
    case renderFailed(id: String, message: String)
    /// What the render queue runs and what waits, for the status bar.
    case renderActivity(RenderActivity)
    case variantProgress(seed: UInt32, step: Int, of: Int)
    /// A variant's picture arrived.
    case variantFinished(seed: UInt32)
    case variantFailed(seed: UInt32, message: String)
    case exportProgress(stage: String, done: Int, of: Int)
    /// The export wrote its files; the text says which.
    case exportFinished(String)
    /// The export stopped (bad arguments, a failure, or cancelled); the text says why.
    case exportFailed(String)
    /// A message for the status bar from background work.
    case notify(String)
}
