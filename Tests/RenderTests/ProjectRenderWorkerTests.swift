import Foundation
import Imaging
import Project
import Storage
import Testing
import TestSupport
@testable import Render

/// The queue's live worker with the sketch model: pictures come back as values equal to the files it wrote, and
/// a variant asked for again is a cache hit.
@Suite struct ProjectRenderWorkerTests {
    func project() -> Project {
        var p = Project(title: "Worker", width: 256, height: 144)
        p.defaults.steps = 6
        p.shots = [Shot(id: "a", prompt: "wide shot of a horse galloping on the beach", seed: 1, duration: 1),
                   Shot(id: "b", prompt: "close-up of a bottle on a table", seed: 2, duration: 1)]
        return p
    }

    func run(_ worker: ProjectRenderWorker, _ request: RenderRequest) throws -> (RenderOutput, steps: [Int], previews: Int) {
        var steps: [Int] = [], previews = 0
        let output = try worker.run(request, cancel: CancellationFlag()) { progress in
            switch progress {
            case .step(let n, _): steps.append(n)
            case .preview: previews += 1
            case .clipStep: break
            }
        }
        return (output, steps, previews)
    }

    @Test func keyDrawingIsTheFrameOnDiskAndASecondRunIsCached() throws {
        let folder = TestFolder()
        let p = project()
        let worker = ProjectRenderWorker(folder: folder.path)
        let (first, steps, previews) = try run(worker, RenderRequest(.keyDrawing, shot: p.shots[0], project: p))
        let onDisk = try PNGDecoder.decode(FileReader.read(folder.path + "/frames/a.png")).frame
        #expect(first == .keyDrawing(onDisk, cached: false))
        #expect(steps == Array(1...6) && previews == 6)
        // Cached: no steps, and the picture read back from the file it already wrote.
        let (second, again, _) = try run(worker, RenderRequest(.keyDrawing, shot: p.shots[0], project: p))
        #expect(second == .keyDrawing(onDisk, cached: true) && again.isEmpty)
        // The clip came later: not drawn by the key drawing's job.
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/clips/a/0002.png"))
        let (clip, _, _) = try run(worker, RenderRequest(.clip, shot: p.shots[0], project: p))
        guard case .clip(let info) = clip else {
            Issue.record("not a clip: \(clip)")
            return
        }
        #expect(info.drawings == p.drawingCount(for: p.shots[0]) && info.drawings > 1)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/" + info.drawingPath(info.drawings - 1)))
    }

    @Test func variantsAreCachedRendersAndLeaveTheFrameAlone() throws {
        let folder = TestFolder()
        let p = project()
        let worker = ProjectRenderWorker(folder: folder.path)
        let (first, steps, _) = try run(worker, RenderRequest(.variant(seed: 77), shot: p.shots[1], project: p))
        guard case .variant(let frame, let cached) = first else {
            Issue.record("not a variant: \(first)")
            return
        }
        #expect(!cached && steps == Array(1...6) && frame.width == 512 && frame.height == 288)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/frames/b.png"))
        // Re-opening the grid: the same seed costs no sampler step and gives the same picture.
        let (second, again, _) = try run(worker, RenderRequest(.variant(seed: 77), shot: p.shots[1], project: p))
        #expect(second == .variant(frame, cached: true) && again.isEmpty)
        // It is the shot's render with that seed: picking it makes the key drawing a cache hit.
        var picked = p
        picked.shots[1].seed = 77
        let (key, keySteps, _) = try run(worker, RenderRequest(.keyDrawing, shot: picked.shots[1], project: picked))
        guard case .keyDrawing(_, let keyCached) = key else {
            Issue.record("not a key drawing")
            return
        }
        #expect(keyCached && keySteps.isEmpty)
    }

    @Test func aCancelledRenderStopsBetweenSteps() throws {
        let folder = TestFolder()
        let p = project()
        let flag = CancellationFlag()
        var steps = 0
        #expect(throws: CancellationError.self) {
            _ = try ProjectRenderWorker(folder: folder.path).run(RenderRequest(.keyDrawing, shot: p.shots[0], project: p), cancel: flag) { progress in
                if case .step = progress {
                    steps += 1
                    if steps == 2 { flag.cancel() }
                }
            }
        }
        #expect(steps == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/frames/a.png"))
    }
}
