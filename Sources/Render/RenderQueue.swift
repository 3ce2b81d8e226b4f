import Foundation
import Imaging

/// Renders one job at a time, always the one the user needs most: the variants on screen, then key drawings in the
/// order the caller last gave (the shot under the cursor first, then the visible ones, then the rest), then clips
/// (the selected shot's first). A newer request for a shot's key drawing replaces the older one, queued or running
/// (the running one is cancelled between sampler steps), and takes the shot's clip with it; a clip waits for its
/// own key drawing. Results come back as values through `onUpdate`, on the queue's thread.
public final class RenderQueue: @unchecked Sendable {
    public enum Update: Sendable {
        case started(RenderJob)
        case progress(RenderJob, step: Int, of: Int)
        case preview(RenderJob, Frame)
        /// A video model's clip advanced: window and step, from 1.
        case clipProgress(RenderJob, window: Int, windows: Int, step: Int, of: Int)
        case finished(RenderJob, RenderOutput)
        case failed(RenderJob, String)
        /// Stopped before it finished: replaced by a newer request, or cancelled.
        case cancelled(RenderJob)
        /// What runs and what waits changed.
        case status(Status)
    }

    public struct Status: Sendable, Equatable {
        /// The job running now.
        public var running: RenderJob?
        /// Waiting jobs, in the order they would run.
        public var queued: [RenderJob]

        public init(running: RenderJob? = nil, queued: [RenderJob] = []) {
            self.running = running
            self.queued = queued
        }
    }

    private struct Pending {
        var request: RenderRequest
        var sequence: Int
    }

    private let worker: any RenderWorker
    private let onUpdate: @Sendable (Update) -> Void
    private let condition = NSCondition()
    private let statusLock = NSLock()
    private var pending: [Pending] = []
    private var running: (job: RenderJob, flag: CancellationFlag)?
    private var focusRank: [String: Int] = [:]
    private var sequence = 0
    private var stopped = false
    private var threadDone = false
    /// From picking a job until its last update went out.
    private var busy = false

    public init(worker: any RenderWorker, onUpdate: @escaping @Sendable (Update) -> Void) {
        self.worker = worker
        self.onUpdate = onUpdate
        let thread = Thread { [self] in loop() }
        thread.name = "storyreel.render-queue"
        thread.start()
    }

    /// Asks for a job. A key drawing replaces the shot's older key drawing and clip (cancelling the one running);
    /// any job replaces an identical one still waiting.
    public func submit(_ request: RenderRequest) {
        let job = request.job
        condition.lock()
        if job.kind == .keyDrawing {
            pending.removeAll { $0.request.job.shotID == job.shotID && !$0.request.job.isVariant }
            if let running, running.job.shotID == job.shotID, !running.job.isVariant { running.flag.cancel() }
        } else {
            pending.removeAll { $0.request.job == job }
        }
        sequence += 1
        pending.append(Pending(request: request, sequence: sequence))
        condition.broadcast()
        condition.unlock()
        publishStatus()
    }

    /// The order shots matter to the user now, most first (the one under the cursor, the visible ones, the rest).
    /// Shots not named come after the named ones, in the order they were asked for.
    public func focus(_ shotIDs: [String]) {
        condition.lock()
        var rank: [String: Int] = [:]
        for (i, id) in shotIDs.enumerated() where rank[id] == nil { rank[id] = i }
        let changed = rank != focusRank
        focusRank = rank
        condition.unlock()
        if changed { publishStatus() }
    }

    /// Cancels every job `matching` selects, waiting or running.
    public func cancel(where matching: (RenderJob) -> Bool) {
        condition.lock()
        let dropped = pending.filter { matching($0.request.job) }.map(\.request.job)
        pending.removeAll { matching($0.request.job) }
        if let running, matching(running.job) { running.flag.cancel() }
        condition.unlock()
        for job in dropped { onUpdate(.cancelled(job)) }
        publishStatus()
    }

    /// Cancels the variants grid's work (the user left the grid).
    public func cancelVariants() { cancel { $0.isVariant } }

    public var status: Status {
        condition.lock()
        defer { condition.unlock() }
        return currentStatus()
    }

    /// Waits until nothing runs or waits; false when `seconds` passed first.
    @discardableResult
    public func waitUntilIdle(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while !pending.isEmpty || busy {
            if !condition.wait(until: deadline) { return pending.isEmpty && !busy }
        }
        return true
    }

    /// Cancels everything and ends the queue's thread (waiting for the running job to notice, at most `seconds`).
    public func stop(seconds: Double = 10) {
        condition.lock()
        stopped = true
        pending.removeAll()
        running?.flag.cancel()
        condition.broadcast()
        let deadline = Date().addingTimeInterval(seconds)
        while !threadDone { if !condition.wait(until: deadline) { break } }
        condition.unlock()
    }

    /// The order jobs run in: variants, then key drawings, then the selected shot's clip, then the other clips;
    /// within each, by focus, then by when they were asked for. Called with the lock held.
    private func rank(_ p: Pending) -> (Int, Int, Int) {
        let job = p.request.job
        let focus = focusRank[job.shotID] ?? Int.max
        switch job.kind {
        case .variant: return (0, focus, p.sequence)
        case .keyDrawing: return (1, focus, p.sequence)
        case .clip: return (focus == 0 ? 2 : 3, focus, p.sequence)
        }
    }

    /// Whether a job may start now: a clip waits while its shot's key drawing waits or runs. Lock held.
    private func ready(_ p: Pending) -> Bool {
        let job = p.request.job
        guard job.kind == .clip else { return true }
        if let running, running.job.shotID == job.shotID, running.job.kind == .keyDrawing { return false }
        return !pending.contains { $0.request.job.shotID == job.shotID && $0.request.job.kind == .keyDrawing }
    }

    private func ordered() -> [Pending] {
        pending.sorted { rank($0) < rank($1) }
    }

    /// Sends the status as it is now. Serialised, and read at sending time, so statuses sent from the caller's
    /// thread and the queue's never arrive older after newer.
    private func publishStatus() {
        statusLock.lock()
        defer { statusLock.unlock() }
        onUpdate(.status(status))
    }

    private func currentStatus() -> Status {
        Status(running: running?.job, queued: ordered().map(\.request.job))
    }

    private func loop() {
        while true {
            condition.lock()
            var next: Pending?
            while !stopped {
                next = ordered().first(where: ready)
                if next != nil { break }
                condition.wait()
            }
            guard let chosen = next, !stopped else {
                threadDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            pending.removeAll { $0.sequence == chosen.sequence }
            let flag = CancellationFlag()
            let job = chosen.request.job
            running = (job, flag)
            busy = true
            condition.unlock()
            onUpdate(.started(job))
            publishStatus()
            let outcome: Update
            do {
                let output = try worker.run(chosen.request, cancel: flag) { progress in
                    guard !flag.isCancelled else { return }
                    switch progress {
                    case .step(let step, let total): onUpdate(.progress(job, step: step, of: total))
                    case .preview(let frame): onUpdate(.preview(job, frame))
                    case .clipStep(let window, let windows, let step, let total):
                        onUpdate(.clipProgress(job, window: window, windows: windows, step: step, of: total))
                    }
                }
                // A result that arrives after its job was replaced is the old shot's: not shown.
                outcome = flag.isCancelled ? .cancelled(job) : .finished(job, output)
            } catch is CancellationError {
                outcome = .cancelled(job)
            } catch {
                outcome = .failed(job, Self.describe(error))
            }
            // The result goes out before the job stops counting as running, so a caller that waits for the queue to
            // be idle has every result in hand.
            onUpdate(outcome)
            condition.lock()
            running = nil
            var dropped: [RenderJob] = []
            if job.kind == .keyDrawing, case .failed = outcome {
                // The clip cannot be drawn without its key drawing; the failure is reported once.
                dropped = pending.filter { $0.request.job.shotID == job.shotID && $0.request.job.kind == .clip }.map(\.request.job)
                pending.removeAll { $0.request.job.shotID == job.shotID && $0.request.job.kind == .clip }
            }
            condition.unlock()
            for d in dropped { onUpdate(.cancelled(d)) }
            publishStatus()
            condition.lock()
            busy = false
            condition.broadcast()
            condition.unlock()
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? RenderError { return error.description }
        return "\(error)"
    }
}
