import Foundation
import Imaging
import Project
@testable import Studio

/// A render service that answers at once (or when told), with a solid frame whose colour says which render it was.
final class FakeRenderService: RenderService, @unchecked Sendable {
    private let lock = NSLock()
    private var report: (@Sendable (RenderUpdate) -> Void)?
    /// Renders finish as soon as they are asked for; otherwise `finish` answers them.
    var answersAtOnce = true
    private(set) var renders: [(id: String, prompt: String)] = []
    private(set) var variantRequests: [(id: String, seeds: [UInt32])] = []
    private(set) var variantCancels = 0
    private(set) var renderCancels = 0
    private(set) var focusLists: [[String]] = []
    private(set) var drawingsAsked: [(index: Int, id: String)] = []
    /// Which render of a shot this is (1 for the first), for the frame's colour.
    private var counts: [String: Int] = [:]

    func start(_ report: @escaping @Sendable (RenderUpdate) -> Void) { self.report = report }

    func send(_ update: RenderUpdate) { report?(update) }

    /// The frame the `n`th render of shot `id` delivers.
    static func frame(_ id: String, _ n: Int) -> Frame {
        let v = UInt8(truncatingIfNeeded: id.unicodeScalars.reduce(0) { $0 &* 31 &+ Int($1.value) })
        return Frame(width: 16, height: 9, fill: (v, UInt8(n * 40 % 256), 200, 255))
    }

    func render(_ shot: Shot, in project: Project) {
        lock.lock()
        renders.append((shot.id, shot.prompt))
        counts[shot.id, default: 0] += 1
        let n = counts[shot.id]!
        lock.unlock()
        if answersAtOnce { send(.keyDrawing(shotID: shot.id, Self.frame(shot.id, n), cached: false)) }
    }

    func finish(_ id: String) {
        send(.keyDrawing(shotID: id, Self.frame(id, counts[id] ?? 0), cached: false))
    }

    func renderVariants(_ shot: Shot, seeds: [UInt32], in project: Project) {
        variantRequests.append((shot.id, seeds))
    }

    func cancelVariants() { variantCancels += 1 }

    func cancelRenders() { renderCancels += 1 }

    func focus(_ shotIDs: [String]) { focusLists.append(shotIDs) }

    func drawing(_ index: Int, of shotID: String) -> Frame? {
        drawingsAsked.append((index, shotID))
        return Frame(width: 16, height: 9, fill: (UInt8(index), 1, 2, 255))
    }

    func watch(_ project: Project, stale: [String], now: Double) {}
}

final class FakeRecovery: RecoveryStore, @unchecked Sendable {
    var offered: RecoveredEdit?
    private(set) var kept: [RecoveredEdit] = []
    private(set) var flushes = 0
    private(set) var drops = 0
    var failure: String?

    func read() -> RecoveredEdit? { offered }
    func keep(_ edit: RecoveredEdit, now: Double) { kept.append(edit) }
    func tick(now: Double) {}
    func flush() { flushes += 1 }
    func drop() { drops += 1 }
    func takeFailure() -> String? { defer { failure = nil }; return failure }
}

final class FakeServices: StudioServices, @unchecked Sendable {
    let fakeRender = FakeRenderService()
    let fakeRecovery = FakeRecovery()
    private(set) var saved: [Project] = []
    var saveProblem: String?
    private(set) var exports: [[String]] = []
    private(set) var exportCancels = 0
    private(set) var finished = 0

    var render: any RenderService { fakeRender }
    var recovery: any RecoveryStore { fakeRecovery }

    func save(_ project: Project) -> String? {
        if let saveProblem { return saveProblem }
        saved.append(project)
        return nil
    }

    func export(_ words: [String], project: Project, report: @escaping @Sendable (StudioAction) -> Void) {
        exports.append(words)
        report(.exportProgress(stage: "board", done: 1, of: 2))
    }

    func cancelExport() { exportCancels += 1 }

    /// A zoom in to half the frame over the shot.
    func cameraWindow(_ move: CameraMove, progress: Double) -> CameraWindow {
        CameraWindow(centreX: 0.5, centreY: 0.5, size: 1 - progress / 2)
    }

    func finish() { finished += 1 }
}

/// A runtime over the fakes with a fixed random source (seeds 101, 102, …) and a hand-moved clock.
struct Harness {
    let backend: HeadlessBackend
    let services = FakeServices()
    let clock = ManualClock()
    let runtime: StudioRuntime

    init(_ project: Project, columns: Int = 80, rows: Int = 24, keymap: Keymap = .standard) {
        backend = HeadlessBackend(columns: columns, rows: rows, idleWait: 0)
        final class Counter: @unchecked Sendable { var n: UInt32 = 100 }
        let counter = Counter()
        runtime = StudioRuntime(state: StudioState(project: project), backend: backend, services: services, clock: clock,
                                keymap: keymap, random: { counter.n += 1; return counter.n })
    }

    var render: FakeRenderService { services.fakeRender }

    /// Starts the loop and runs it until every scripted key is read and the screen settled.
    func start() {
        runtime.start()
        settle()
    }

    /// Types keys and runs the loop until they are all handled and drawn.
    func press(_ keys: Key...) {
        backend.type(keys)
        settle()
    }

    func type(_ text: String) {
        backend.type(text)
        settle()
    }

    func settle() {
        var passes = 0
        while !backend.isIdle && runtime.step() { passes += 1 }
        // Two more passes: results posted by the last key arrive, then are drawn.
        runtime.step()
        runtime.step()
    }

    var screen: CellGrid { backend.screen }
    var statusLine: String { backend.screen.line(backend.rows - 1) }
}

func board(_ count: Int = 3) -> Project {
    var p = Project(title: "Runtime")
    let prompts = ["a horse on the beach", "a dog in the park", "a car at night", "a boat at sea"]
    p.shots = (0..<count).map { i in
        Shot(id: String(UnicodeScalar(UInt8(97 + i))), prompt: prompts[i % prompts.count], seed: UInt32(i + 1), duration: 2)
    }
    return p
}
