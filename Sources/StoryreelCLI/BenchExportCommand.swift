import ArgumentParser
import Export
import Foundation
import Imaging
import Storage
import Project
import Render

/// `storyreel bench export`: seconds to export an example project to PDF and MP4 at 1280×720, and the video
/// encode time as a fraction of the animatic's running time.
struct BenchExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Seconds for PDF and MP4 export of an example at 1280×720, and encode time / running time.")

    @Option(help: "The example project to export (copied to a temporary folder).")
    var project: String = "Examples/sofa-spot"

    func run() throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("storyreel-bench-export-\(getpid())").path
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: temp) }
        var loaded = try Console.loadProject(project)
        loaded.width = 1280
        loaded.height = 720
        try ProjectFile.save(loaded, folder: temp)
        let t0 = Date()
        _ = try ProjectRenderer(folder: temp, project: loaded).render(loaded.shots)
        let render = Date().timeIntervalSince(t0)
        var pdf = ExportOptions()
        pdf.pdf = temp + "/board.pdf"
        let t1 = Date()
        _ = try Exporter(folder: temp, project: loaded).run(pdf)
        let pdfSeconds = Date().timeIntervalSince(t1)
        var mp4 = ExportOptions()
        mp4.mp4 = temp + "/cut.mp4"
        guard FFmpegLocator.available else {
            Console.out("mp4: skipped, ffmpeg is not installed")
            return
        }
        let t2 = Date()
        _ = try Exporter(folder: temp, project: loaded).run(mp4)
        let mp4Seconds = Date().timeIntervalSince(t2)
        // The drawing alone, without the encoder, to tell the two costs apart.
        let keyframes = try loaded.shots.map { try PNGDecoder.decode(FileReader.read(temp + "/frames/\($0.id).png")).frame }
        let animatic = AnimaticRenderer(shots: loaded.shots, keyframes: keyframes, fps: loaded.fps, width: 1280, height: 720, burnIn: false)
        var buffer = [UInt8](repeating: 0, count: 1280 * 720 * 3)
        let t3 = Date()
        var drawn = 0
        for i in 0..<animatic.timeline.frameCount where !animatic.isRepeat(frame: i) {
            animatic.render(frame: i, into: &buffer)
            drawn += 1
        }
        let drawSeconds = Date().timeIntervalSince(t3)
        Console.out(String(format: "%@, %d shots, %.1f s at 1280x720, %.0f fps", loaded.title, loaded.shots.count, loaded.runningTime, loaded.fps))
        Console.out(String(format: "  keyframes rendered: %.2f s", render))
        Console.out(String(format: "  PDF board:          %.2f s", pdfSeconds))
        Console.out(String(format: "  MP4 animatic:       %.2f s  (encode / running time = %.3f, target ≤ 0.25)", mp4Seconds, mp4Seconds / loaded.runningTime))
        Console.out(String(format: "  of which drawing %d of %d frames: %.2f s (%.1f ms each)", drawn, animatic.timeline.frameCount, drawSeconds, drawSeconds * 1000 / Double(max(1, drawn))))
    }
}

/// Whether `ffmpeg` is on PATH.
enum FFmpegLocator {
    static var available: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/ffmpeg")
        }
    }
}
