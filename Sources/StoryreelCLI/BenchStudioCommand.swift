import ArgumentParser
import Foundation
import Project
import Render
import Studio
import StudioTerminal
import Terminal

/// `storyreel bench studio`: the studio's own loop (`StudioRuntime` with the live services and render queue) on a
/// headless backend that encodes every picture as the terminal backend does in half-blocks: keypress to screen,
/// edit to preview with the sketch model, and playback.
struct BenchStudio: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studio",
        abstract: "Keypress-to-screen, edit-to-preview and playback figures for the studio's real loop (headless: no terminal I/O).")

    @Option(help: "Timed runs per measurement.")
    var runs: Int = 41

    func run() throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("storyreel-bench-studio-\(getpid())").path
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: temp) }
        let project = try Console.loadProject("Examples/sofa-spot")
        try ProjectFile.save(project, folder: temp)
        _ = try ProjectRenderer(folder: temp, project: project).render(project.shots)

        // The terminal backend's half-block work: downscale each picture to its cells, encode what changed.
        let backend = HeadlessBackend(columns: 200, rows: 60, idleWait: 0)
        var previous: [String: CellImage] = [:]
        var pictureBytes = 0
        backend.onDraw = { _, pictures in
            pictureBytes = 0
            for picture in pictures {
                guard let frame = picture.shown else { continue }
                let slot = picture.slot
                let image = CellImage(frame: frame, columns: slot.columns, rows: slot.rows)
                let id = "\(slot.row),\(slot.column)"
                pictureBytes += HalfBlockEncoder().encode(image, row: slot.row + 1, column: slot.column + 1, previous: previous[id]).count
                previous[id] = image
            }
        }
        let services = LiveStudioServices(folder: temp)
        let runtime = StudioRuntime(state: StudioState(project: project), backend: backend, services: services)
        runtime.start()
        defer { runtime.finish() }
        let ids = project.shots.map(\.id)
        guard runtime.run(seconds: 120, until: { r in ids.allSatisfy { r.state.status[$0] == .ready } }) else {
            throw Console.fail("bench studio: the board did not load", code: 1)
        }

        // 1. A key while idle at 200×60: key to action, reduce, lay out, downscale and encode the new preview.
        let key = Stopwatch.median(runs) {
            backend.type([runtime.state.selected == 0 ? .char("j") : .char("k")])
            runtime.step()  // reads the key
            runtime.step()  // draws
        }
        Console.out(String(format: "keypress to screen data, 200x60, idle: %.2f ms median (target ≤ 16 ms), %d picture bytes", key * 1000, pictureBytes))

        // 2. A committed prompt edit: the render queue re-renders the shot (cache miss) and the new keyframe is drawn.
        var n = 0
        let edit = Stopwatch.median(max(5, runs / 4)) {
            n += 1
            let id = runtime.state.selectedShot?.id ?? ""
            let draws = backend.draws
            backend.type([.enter, .end])
            backend.type(" take \(n)")
            backend.type([.enter])
            _ = runtime.run(seconds: 30) { r in
                r.state.mode == .browse && r.state.status[id] == .ready && backend.isIdle && backend.draws > draws
                    && r.state.selectedShot?.prompt.hasSuffix("take \(n)") == true
            }
            runtime.step()
        }
        Console.out(String(format: "committed prompt edit to preview on screen, sketch model: %.1f ms median (target ≤ 100 ms)", edit * 1000))

        // 3. Playback: every pass moves the playhead, crops the camera window and encodes the preview.
        backend.type([.space])
        runtime.step()
        var bytes: [Int] = []
        let frames = 240
        let t0 = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<frames {
            runtime.step()
            bytes.append(pictureBytes)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        backend.type([.escape])
        runtime.step()
        let sorted = bytes.sorted()
        let slot = backend.pictures.first?.slot
        Console.out(String(format: "playback, 200x60 (preview %dx%d cells, half-blocks): %.0f frames/s (target ≥ 24), bytes per frame median %d, max %d",
                           slot?.columns ?? 0, slot?.rows ?? 0, Double(frames) / seconds, sorted[sorted.count / 2], sorted.last ?? 0))
    }
}
