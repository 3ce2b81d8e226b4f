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
    case togglePlay(now: Double)
    case tick(now: Double)
    case openHelp
    case openCommand
    case save
    case quit
    case renderProgress(id: String, step: Int, of: Int)
    case renderFinished(id: String, cached: Bool)
    case renderFailed(id: String, message: String)
    /// A message for the status bar from background work.
    case notify(String)
}
