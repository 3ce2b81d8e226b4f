/// Progress of an export for progress bars: a named stage, how far through it, and the file when one is done.
public enum ExportEvent: Sendable {
    case stage(String, done: Int, of: Int)
    case wrote(String)
    case warning(String)
}
