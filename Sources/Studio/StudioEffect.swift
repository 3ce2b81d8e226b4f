/// Work the reducer asks the outside world to do.
public enum StudioEffect: Sendable, Equatable {
    /// Write the project file (atomically).
    case save
    /// Render one shot's keyframe (cancelling an older render of it).
    case render(id: String)
    /// Render the selected shot with these seeds for the variants grid.
    case renderVariants(id: String, seeds: [UInt32])
    /// Run an export with `storyreel export`'s arguments.
    case export([String])
    case quit
}
