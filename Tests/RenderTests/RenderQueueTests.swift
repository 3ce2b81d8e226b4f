import Foundation
import Imaging
import Project
import Testing
@testable import Render

/// A model as slow as a neural one: each job takes `steps` steps of `stepSeconds`, checks for cancellation between
/// them as the samplers do, and logs what it started and finished.
final class SlowWorker: RenderWorker, @unchecked Sendable {
    let steps: Int
    let stepSeconds: Double
    private let lock = NSLock()
    private var startedLog: [RenderJob] = []
    private var finishedLog: [(job: RenderJob, prompt: String, steps: Int)] = []

    init(steps: Int = 4, stepSeconds: Double = 0.02) {
        self.steps = steps
        self.stepSeconds = stepSeconds
    }

    private let gate = DispatchSemaphore(value: 0)
    private var held = false

    /// The next job waits in the worker until `release`.
    func hold() {
        lock.lock()
        held = true
        lock.unlock()
    }
    func release() { gate.signal() }

    var started: [RenderJob] {
        lock.lock()
        defer { lock.unlock() }
        return startedLog
    }
    var finished: [(job: RenderJob, prompt: String, steps: Int)] {
        lock.lock()
        defer { lock.unlock() }
        return finishedLog
    }

    func run(_ request: RenderRequest, cancel: CancellationFlag, progress: (RenderProgress) -> Void) throws -> RenderOutput {
        lock.lock()
        startedLog.append(request.job)
        let wait = held
        held = false
        lock.unlock()
        if wait { gate.wait() }
        if request.shot.prompt == "fail" { throw RenderError("this shot cannot be drawn") }
        for step in 1...steps {
            Thread.sleep(forTimeInterval: stepSeconds)
            if cancel.isCancelled { throw CancellationError() }
            progress(.step(step, of: steps))
        }
        lock.lock()
        finishedLog.append((request.job, request.shot.prompt, steps))
        lock.unlock()
        let frame = Frame(width: 1, height: 1)
        switch request.job.kind {
        case .keyDrawing: return .keyDrawing(frame, cached: false)
        case .variant: return .variant(frame, cached: false)
        case .clip:
            return .clip(ClipInfo(drawings: 1, drawingsPerSecond: 12, folder: "clips/\(request.shot.id)",
                                  key: RenderKey(bytes: Array(request.shot.id.utf8)), wroteDrawings: 1))
        }
    }
}

/// Every update the queue sent, in order.
final class UpdateLog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [RenderQueue.Update] = []

    func append(_ update: RenderQueue.Update) {
        lock.lock()
        list.append(update)
        lock.unlock()
    }
    var updates: [RenderQueue.Update] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }

    var finished: [RenderJob] { updates.compactMap { if case .finished(let job, _) = $0 { return job } else { return nil } } }
    var cancelled: [RenderJob] { updates.compactMap { if case .cancelled(let job) = $0 { return job } else { return nil } } }
    var failed: [RenderJob] { updates.compactMap { if case .failed(let job, _) = $0 { return job } else { return nil } } }
}

@Suite struct RenderQueueTests {
    let project: Project = {
        var p = Project(title: "Twelve")
        p.shots = (1...12).map { Shot(id: String(format: "s%02d", $0), prompt: "shot \($0)", seed: UInt32($0)) }
        return p
    }()

    func request(_ kind: RenderJob.Kind, _ index: Int, prompt: String? = nil) -> RenderRequest {
        var shot = project.shots[index]
        if let prompt { shot.prompt = prompt }
        return RenderRequest(kind, shot: shot, project: project)
    }

    func waitUntil(seconds: Double = 10, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.002)
        }
        return condition()
    }

    @Test func editingShotNineOfTwelveRendersItBeforeTheRestOfTheQueue() {
        let worker = SlowWorker()
        let log = UpdateLog()
        let queue = RenderQueue(worker: worker) { log.append($0) }
        defer { queue.stop() }
        queue.focus(project.shots.map(\.id))
        for i in 0..<12 { queue.submit(request(.keyDrawing, i)) }
        #expect(waitUntil { !worker.started.isEmpty })
        // The user edits s09 and looks at it: it comes next, and its older request is not run as well.
        queue.focus(["s09"] + project.shots.map(\.id).filter { $0 != "s09" })
        queue.submit(request(.keyDrawing, 8, prompt: "shot 9, edited"))
        #expect(queue.waitUntilIdle(seconds: 20))
        let order = worker.started.map(\.shotID)
        #expect(order.first == "s01" && order.dropFirst().first == "s09", "\(order)")
        #expect(order == ["s01", "s09", "s02", "s03", "s04", "s05", "s06", "s07", "s08", "s10", "s11", "s12"])
        #expect(worker.finished.filter { $0.job.shotID == "s09" }.map(\.prompt) == ["shot 9, edited"])
        #expect(log.finished.count == 12 && log.cancelled.isEmpty)
    }

    @Test func twoQuickEditsOfOneShotRunOneFullRender() {
        let worker = SlowWorker(steps: 20, stepSeconds: 0.01)
        let log = UpdateLog()
        let queue = RenderQueue(worker: worker) { log.append($0) }
        defer { queue.stop() }
        queue.submit(request(.keyDrawing, 2, prompt: "first edit"))
        #expect(waitUntil { !worker.started.isEmpty })
        queue.submit(request(.keyDrawing, 2, prompt: "second edit"))
        #expect(queue.waitUntilIdle(seconds: 20))
        // The first edit's render was stopped part-way; only the second ran all its steps.
        #expect(worker.started.count == 2)
        #expect(worker.finished.map(\.prompt) == ["second edit"])
        #expect(log.finished == [RenderJob(shotID: "s03", kind: .keyDrawing)])
        #expect(log.cancelled == [RenderJob(shotID: "s03", kind: .keyDrawing)])
        let steps = log.updates.compactMap { if case .progress(_, let step, _) = $0 { return step } else { return nil } }
        #expect(steps.count < 40 && steps.suffix(20) == Array(1...20), "\(steps)")
    }

    @Test func escapeCancelsVariantsButNotTheBoard() {
        let worker = SlowWorker(steps: 10, stepSeconds: 0.01)
        let log = UpdateLog()
        let queue = RenderQueue(worker: worker) { log.append($0) }
        defer { queue.stop() }
        worker.hold()
        queue.submit(request(.keyDrawing, 0))
        #expect(waitUntil { worker.started.count == 1 })
        queue.submit(request(.keyDrawing, 1))
        for seed: UInt32 in [7, 8, 9, 10] { queue.submit(request(.variant(seed: seed), 0)) }
        worker.release()
        #expect(waitUntil { worker.started.count >= 2 })
        #expect(worker.started.last == RenderJob(shotID: "s01", kind: .variant(seed: 7)))
        queue.cancelVariants()
        #expect(queue.waitUntilIdle(seconds: 20))
        // Variants go before the board's key drawings; a key drawing already running finishes first.
        #expect(worker.started.first?.shotID == "s01")
        #expect(log.finished.filter(\.isVariant).count <= 1)
        #expect(log.cancelled.filter(\.isVariant).count + log.finished.filter(\.isVariant).count == 4)
        #expect(Set(log.finished.filter { !$0.isVariant }) == [RenderJob(shotID: "s01", kind: .keyDrawing), RenderJob(shotID: "s02", kind: .keyDrawing)])
        #expect(queue.status == RenderQueue.Status())
    }

    @Test func variantsFirstThenKeyDrawingsThenTheSelectedClipThenOtherClips() {
        let worker = SlowWorker(steps: 1, stepSeconds: 0.001)
        worker.hold()
        let queue = RenderQueue(worker: worker) { _ in }
        defer { queue.stop() }
        queue.focus(["s03", "s01", "s02"])
        // s12 holds the worker until everything else is asked for, so the order below is the queue's alone.
        queue.submit(request(.keyDrawing, 11))
        #expect(waitUntil { worker.started.count == 1 })
        queue.submit(request(.clip, 0))
        queue.submit(request(.keyDrawing, 1))
        queue.submit(request(.variant(seed: 5), 2))
        queue.submit(request(.keyDrawing, 2))
        queue.submit(request(.clip, 2))
        queue.submit(request(.variant(seed: 6), 0))
        worker.release()
        #expect(queue.waitUntilIdle(seconds: 20))
        #expect(worker.started.map(\.description) == ["s12", "s03 seed 5", "s01 seed 6", "s03", "s02", "s03 clip", "s01 clip"])
    }

    @Test func statusListsTheRunningJobAndTheWaitingOnesInRunOrder() {
        let worker = SlowWorker(steps: 50, stepSeconds: 0.01)
        let queue = RenderQueue(worker: worker) { _ in }
        defer { queue.stop() }
        queue.focus(["s01", "s02", "s03", "s04"])
        queue.submit(request(.keyDrawing, 0))
        #expect(waitUntil { queue.status.running != nil })
        queue.submit(request(.keyDrawing, 3))
        queue.submit(request(.clip, 3))
        queue.submit(request(.keyDrawing, 2))
        queue.submit(request(.clip, 0))
        let status = queue.status
        #expect(status.running == RenderJob(shotID: "s01", kind: .keyDrawing))
        #expect(status.queued.map(\.description) == ["s03", "s04", "s01 clip", "s04 clip"])
    }

    @Test func aNewKeyDrawingTakesTheShotsWaitingClipWithIt() {
        let worker = SlowWorker(steps: 1, stepSeconds: 0.001)
        worker.hold()
        let queue = RenderQueue(worker: worker) { _ in }
        defer { queue.stop() }
        queue.submit(request(.keyDrawing, 5))
        #expect(waitUntil { worker.started.count == 1 })
        queue.submit(request(.keyDrawing, 0))
        queue.submit(request(.clip, 0))
        // An edit of s01: its older key drawing and clip are gone; the caller asks for the clip again.
        queue.submit(request(.keyDrawing, 0, prompt: "edited"))
        #expect(queue.status.queued.map(\.description) == ["s01"])
        worker.release()
        #expect(queue.waitUntilIdle(seconds: 20))
        #expect(worker.finished.map(\.prompt) == ["shot 6", "edited"])
    }

    @Test func aClipRunsAfterTheKeyDrawingsAndGoesWithItsOwnWhenThatFails() {
        let worker = SlowWorker(steps: 2, stepSeconds: 0.005)
        let log = UpdateLog()
        let queue = RenderQueue(worker: worker) { log.append($0) }
        defer { queue.stop() }
        queue.focus(["s01", "s02"])
        queue.submit(request(.keyDrawing, 0))
        queue.submit(request(.clip, 0))
        queue.submit(request(.keyDrawing, 1, prompt: "fail"))
        queue.submit(request(.clip, 1, prompt: "fail"))
        #expect(queue.waitUntilIdle(seconds: 20))
        let order = worker.started.map(\.description)
        #expect(order == ["s01", "s02", "s01 clip"], "\(order)")
        #expect(log.failed == [RenderJob(shotID: "s02", kind: .keyDrawing)])
        #expect(log.cancelled == [RenderJob(shotID: "s02", kind: .clip)])
    }
}
