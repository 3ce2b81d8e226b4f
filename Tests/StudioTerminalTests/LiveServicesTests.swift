import Foundation
import Project
import Testing
import TestSupport
@testable import Studio
@testable import StudioTerminal

/// The studio's loop with its live services (project file, render queue, sketch model) on the headless backend:
/// what the terminal would show, without a terminal.
@Suite(.serialized) struct LiveServicesTests {
    func project(in folder: TestFolder) throws -> Project {
        var p = Project(title: "Live", width: 256, height: 144)
        p.defaults.steps = 6
        p.shots = [Shot(id: "a", prompt: "wide shot of a horse on the beach", seed: 1, duration: 1),
                   Shot(id: "b", prompt: "close-up of a cup on a table", seed: 2, duration: 1)]
        try ProjectFile.save(p, folder: folder.path)
        return p
    }

    @Test func theBoardRendersThroughTheQueueAndEveryVariantReachesTheScreen() throws {
        let folder = TestFolder()
        let backend = HeadlessBackend(columns: 100, rows: 30)
        let services = LiveStudioServices(folder: folder.path)
        let runtime = StudioRuntime(state: StudioState(project: try project(in: folder)), backend: backend, services: services)
        runtime.start()
        defer { runtime.finish() }
        #expect(runtime.run(seconds: 60) { r in r.state.status["a"] == .ready && r.state.status["b"] == .ready })
        // The keyframe on screen is the frame on disk, delivered as a value.
        #expect(runtime.run(seconds: 10) { _ in backend.pictures.first?.frame != nil })
        // Nine variants: each arrives, and each is on the screen without another key.
        backend.type([.char("V")])
        #expect(runtime.run(seconds: 120) { r in r.state.variantStatus.count == 9 && r.state.variantStatus.values.allSatisfy { $0 == .ready } })
        #expect(runtime.run(seconds: 5) { _ in backend.pictures.count == 9 && backend.pictures.allSatisfy { $0.frame != nil } },
                "\(backend.pictures.map { $0.frame == nil ? "empty" : "frame" })")
        // The clips wait behind the variants, then the queue empties.
        #expect(runtime.run(seconds: 60) { r in r.state.activity == RenderActivity() }, "\(runtime.state.activity)")
        let seeds = runtime.state.offeredVariants["a"] ?? []
        // Leaving and opening again: the same seeds, every one a cache hit, no sampler step.
        backend.type([.escape, .char("V")])
        var sampled = false
        #expect(runtime.run(seconds: 60) { r in
            sampled = sampled || r.state.variantStatus.values.contains { if case .rendering = $0 { return true } else { return false } }
            return backend.isIdle && r.state.mode != .browse && r.state.variantStatus.values.allSatisfy { $0 == .ready }
        })
        #expect(runtime.state.offeredVariants["a"] == seeds && !sampled)
        #expect(backend.pictures.count == 9 && backend.pictures.allSatisfy { $0.frame != nil })
    }
}
