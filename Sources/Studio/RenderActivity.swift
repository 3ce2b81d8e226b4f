/// What the render queue is doing, as the status bar shows it: the job running and the jobs waiting.
public struct RenderActivity: Sendable, Equatable {
    public enum Job: Sendable, Equatable {
        case keyDrawing(String)
        case clip(String)
        case variant(String, seed: UInt32)
    }

    public var running: Job?
    public var queued: [Job]

    public init(running: Job? = nil, queued: [Job] = []) {
        self.running = running
        self.queued = queued
    }
}
