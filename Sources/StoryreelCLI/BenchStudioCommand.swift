import ArgumentParser
import Foundation
import Imaging
import Project
import Render
import Studio
import StudioTerminal
import Terminal

/// `storyreel bench studio`: the studio's hot paths without a terminal — view plus picture encoding per key,
/// edit-to-preview with the sketch model, and playback frames.
struct BenchStudio: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studio",
        abstract: "Keypress-to-screen, edit-to-preview and playback figures for the studio (headless: no ncurses I/O).")

    @Option(help: "Timed runs per measurement.")
    var runs: Int = 41

    func run() throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("storyreel-bench-studio-\(getpid())").path
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: temp) }
        let project = try Console.loadProject("Examples/sofa-spot")
        try ProjectFile.save(project, folder: temp)
        let renderer = ProjectRenderer(folder: temp, project: project)
        _ = try renderer.render(project.shots)
        let keyframes = try project.shots.map { try PNGDecoder.decode(Storage_read(temp + "/frames/\($0.id).png")).frame }

        // 1. A key while idle at 200×60: reduce, lay out the screen, encode the preview's changed cells.
        var state = StudioState(project: project)
        for shot in project.shots { state.status[shot.id] = .ready }
        var previous: [String: CellImage] = [:]
        var keyBytes = 0
        let key = Stopwatch.median(runs) {
            _ = state.reduce(.moveSelection(state.selected == 0 ? 1 : -1))
            let (_, slots) = StudioView.render(state, columns: 200, rows: 60)
            for slot in slots {
                guard case .keyframe(let id, _) = slot.content, let i = project.shots.firstIndex(where: { $0.id == id }) else { continue }
                let image = CellImage(frame: keyframes[i], columns: slot.columns, rows: slot.rows)
                keyBytes = HalfBlockEncoder().encode(image, row: slot.row + 1, column: slot.column + 1, previous: previous["p"]).count
                previous["p"] = image
            }
        }
        Console.out(String(format: "keypress to screen data, 200x60, idle: %.2f ms median (target ≤ 16 ms), %d picture bytes", key * 1000, keyBytes))

        // 2. A committed prompt edit: reduce, render the shot with the sketch model (cache miss), decode, downscale, encode.
        var n = 0
        let edit = Stopwatch.median(max(5, runs / 4)) {
            n += 1
            var s = StudioState(project: project)
            _ = s.reduce(.beginEdit(.prompt))
            _ = s.reduce(.editInsert(" take \(n)"))
            _ = s.reduce(.commit)
            let shot = s.project.shots[0]
            guard let result = try? ProjectRenderer(folder: temp, project: s.project).render(shot),
                  let frame = try? PNGDecoder.decode(Storage_read(temp + "/" + result.png)).frame else { return }
            _ = HalfBlockEncoder().encode(CellImage(frame: frame, columns: 120, rows: 34))
        }
        Console.out(String(format: "committed prompt edit to preview data, sketch model: %.1f ms median (target ≤ 100 ms)", edit * 1000))

        // 3. Playback at 160×45: camera window over the keyframe, downscale, diff-encode.
        var last: CellImage? = nil
        var bytes: [Int] = []
        let frames = 240
        let t0 = DispatchTime.now().uptimeNanoseconds
        for i in 0..<frames {
            let shot = i * project.shots.count / frames
            let progress = Double(i % (frames / project.shots.count)) / Double(frames / project.shots.count)
            let window = StudioApp.window(keyframes[shot], move: project.shots[shot].camera, progress: progress)
            let image = CellImage(frame: window, columns: 160, rows: 45)
            bytes.append(HalfBlockEncoder().encode(image, previous: last).count)
            last = image
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        let sorted = bytes.sorted()
        Console.out(String(format: "playback 160x45 half-blocks: %.0f frames/s (target ≥ 24), bytes per frame median %d, max %d",
                           Double(frames) / seconds, sorted[sorted.count / 2], sorted.last ?? 0))
    }

}

private func Storage_read(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }
