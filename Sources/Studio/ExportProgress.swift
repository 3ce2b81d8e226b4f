/// Where a running `:export` stands, for the status bar: the stage the exporter reports and how far through it.
public struct ExportProgress: Sendable, Equatable {
    public var stage: String
    public var done: Int
    public var total: Int

    public init(stage: String, done: Int = 0, total: Int = 0) {
        self.stage = stage
        self.done = done
        self.total = total
    }

    /// "board pages 3/10", or the bare stage before it has counts.
    public var label: String { total > 0 ? "\(stage) \(done)/\(total)" : stage }
}
