import Foundation
import Imaging
import Project
import Render
import Testing
import TestSupport
@testable import Export

/// The animatic plays every shot's clip: decoded back by ffmpeg, frames change inside a moving shot's span (every
/// other frame, each drawing held two frames at 12 drawings a second in 24 fps) and not inside a still one's.
@Suite(.serialized) struct ClipAnimaticTests {
    @Test func mp4ShowsMotionInsideTheMovingShotOnly() throws {
        let folder = TestFolder()
        var p = Project(title: "Clips", width: 160, height: 96, fps: 24)
        p.defaults.steps = 6
        p.shots = [Shot(id: "walk", prompt: "full shot of a man walking from left to right", seed: 4, duration: 1),
                   Shot(id: "sofa", prompt: "a red sofa in a living room", seed: 5, duration: 1)]
        var options = ExportOptions()
        options.mp4 = folder.path + "/cut.mp4"
        options.framesFolder = folder.path + "/frames-out"
        _ = try Exporter(folder: folder.path, project: p).run(options)
        let size = 160 * 96
        let out = folder.path + "/frames.gray"
        let decode = try runProgram("/usr/bin/env", ["ffmpeg", "-v", "error", "-i", options.mp4!, "-f", "rawvideo", "-pix_fmt", "gray", out])
        #expect(decode.status == 0, "\(decode.err)")
        let video = Array(try Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(video.count == 48 * size, "\(video.count / size) frames")
        func frame(_ i: Int) -> ArraySlice<UInt8> { video[(i * size)..<((i + 1) * size)] }
        func difference(_ a: Int, _ b: Int) -> Int { zip(frame(a), frame(b)).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) } / size }
        // Moving shot: each new drawing (every second frame) changes the picture well beyond coding noise.
        let moving = stride(from: 2, to: 22, by: 2).map { difference($0, $0 - 2) }
        #expect(moving.allSatisfy { $0 >= 1 }, "mean change per pixel between drawings: \(moving)")
        // Still shot: nothing moves beyond the encoder's noise.
        let still = (26..<46).map { difference($0, $0 - 1) }
        #expect(still.allSatisfy { $0 == 0 }, "mean change per pixel in the still shot: \(still)")
        // --frames also wrote the moving clip's drawings.
        let drawings = try FileManager.default.contentsOfDirectory(atPath: options.framesFolder! + "/001_walk")
        #expect(drawings.count == 12)
        #expect(!FileManager.default.fileExists(atPath: options.framesFolder! + "/002_sofa"))
    }

    @Test func reelHoldsEachDrawingForItsShareOfASecond() {
        let reel = ClipReel(counts: [5, 1], rates: [12, 12]) { _, _ in Frame(width: 1, height: 1, pixels: [0, 0, 0, 255]) }
        #expect((0..<12).map { reel.drawingIndex(shot: 0, seconds: Double($0) / 24) } == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 4, 4])
        #expect(reel.drawingIndex(shot: 1, seconds: 0.9) == 0)
    }
}
