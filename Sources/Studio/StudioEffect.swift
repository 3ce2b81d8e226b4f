/// Work the reducer asks the outside world to do.
public enum StudioEffect: Sendable, Equatable {
    /// Write the project file (atomically).
    case save
    /// Render one shot's keyframe (cancelling an older render of it).
    case render(id: String)
    /// Render the selected shot with these seeds for the variants grid.
    case renderVariants(id: String, seeds: [UInt32])
    /// Stop rendering the variants grid's seeds (the grid was left); the ones done stay cached.
    case cancelVariants
    /// Run an export in the background from the words after `:export` (`pdf board.pdf --layout 3x3`), parsed as
    /// `storyreel export` parses its options.
    case export([String])
    /// Stop every running render (keyframes and clips); what finished stays.
    case cancelRenders
    /// Stop the running export; it reports back with `exportFailed`.
    case cancelExport
    /// Keep this unfinished edit in the recovery file (the backend debounces the writes).
    case keepRecovery(RecoveredEdit)
    /// The edit was committed, cancelled or discarded: remove the recovery file.
    case dropRecovery
    /// Hand the terminal back to the shell until `fg`, then repaint everything.
    case suspend
    case quit
}
