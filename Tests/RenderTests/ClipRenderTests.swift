import Foundation
import Imaging
import Project
import Testing
import TestSupport
@testable import Render

/// Clips on disk: drawing counts from durations, drawing 1 is the key drawing, cached re-renders write nothing,
/// re-timing adds or removes drawings at the end only.
@Suite struct ClipRenderTests {
    func project() -> Project {
        var p = Project(title: "Clips", width: 192, height: 108)
        p.defaults.steps = 6
        p.shots = [
            Shot(id: "walk", prompt: "full shot of a man walking from left to right", seed: 4, duration: 1.25),
            Shot(id: "sofa", prompt: "a red sofa in a living room", seed: 5, duration: 2),
        ]
        return p
    }

    func pixels(_ path: String) throws -> [UInt8] { try PNGDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: path)))).frame.pixels }

    func inode(_ path: String) -> UInt64 {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : 0
    }

    @Test func clipsAreWrittenCountedAndCached() throws {
        let folder = TestFolder()
        var p = project()
        let first = try ProjectRenderer(folder: folder.path, project: p).render(p.shots)
        // ceil(1.25 s × 12) = 15 drawings; a shot where nothing moves is its key drawing alone.
        #expect(first[0].clip.drawings == 15 && first[0].clip.wroteDrawings == 15)
        #expect(first[1].clip.drawings == 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/clips/walk").sorted()
        #expect(names == (1...15).map { String(format: "%04d.png", $0) })
        #expect(try pixels(folder.path + "/clips/walk/0001.png") == pixels(folder.path + "/frames/walk.png"))
        #expect(try pixels(folder.path + "/clips/walk/0002.png") != pixels(folder.path + "/frames/walk.png"))
        // Each drawing says which it is.
        let text = try PNGChunkReader.textChunks(Array(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/clips/walk/0007.png"))))
        #expect(text[0].text.contains("Drawing: 7, Drawings per second: 12"))

        // Nothing changed: no sampling, no drawing written.
        let again = try ProjectRenderer(folder: folder.path, project: p).render(p.shots)
        #expect(again.allSatisfy { $0.status == .cached && $0.denoiserCalls == 0 && $0.clip.wroteDrawings == 0 })

        // Longer: only the new drawings at the end are written; the others are the same files.
        let before = inode(folder.path + "/clips/walk/0010.png")
        p.shots[0].duration = 2
        let longer = try ProjectRenderer(folder: folder.path, project: p).render(p.shots)
        #expect(longer[0].clip.drawings == 24 && longer[0].clip.wroteDrawings == 9 && longer[0].denoiserCalls == 0)
        #expect(inode(folder.path + "/clips/walk/0010.png") == before)

        // Shorter: the drawings past the end go.
        p.shots[0].duration = 0.5
        let shorter = try ProjectRenderer(folder: folder.path, project: p).render(p.shots)
        #expect(shorter[0].clip.drawings == 6 && shorter[0].clip.wroteDrawings == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/clips/walk").count == 6)
    }

    @Test func motionNoneHoldsTheKeyDrawingAndTheRateChangesTheClip() throws {
        let folder = TestFolder()
        var p = project()
        p.shots[0].motion = .none
        let still = try ProjectRenderer(folder: folder.path, project: p).render([p.shots[0]])
        #expect(still[0].clip.drawings == 1)
        p.shots[0].motion = .auto
        p.shots[0].drawingsPerSecond = 8
        let eight = try ProjectRenderer(folder: folder.path, project: p).render([p.shots[0]])
        // The key drawing is shared; only the clip is new: ceil(1.25 × 8) = 10 drawings.
        #expect(eight[0].status == .cached && eight[0].clip.drawings == 10 && eight[0].clip.key != still[0].clip.key)
    }

    @Test func twoColdRendersAreTheSameBytes() throws {
        let a = TestFolder(), b = TestFolder()
        let p = project()
        _ = try ProjectRenderer(folder: a.path, project: p).render(p.shots)
        _ = try ProjectRenderer(folder: b.path, project: p).render(p.shots)
        for name in try FileManager.default.contentsOfDirectory(atPath: a.path + "/clips/walk") {
            #expect(try Data(contentsOf: URL(fileURLWithPath: a.path + "/clips/walk/" + name))
                    == Data(contentsOf: URL(fileURLWithPath: b.path + "/clips/walk/" + name)), "\(name)")
        }
    }
}
