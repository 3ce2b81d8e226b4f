import Foundation
import Imaging
import Project
import Testing
import TestSupport
@testable import Render

@Suite struct ProjectRendererTests {
    func project() -> Project {
        var p = Project(title: "Test", width: 256, height: 144)
        p.defaults.steps = 8
        p.shots = [
            Shot(id: "a", prompt: "wide shot of a horse on the beach at sunset", seed: 1, duration: 2),
            Shot(id: "b", prompt: "medium shot of a woman sitting on a sofa", seed: 2, duration: 3),
            Shot(id: "c", prompt: "close-up of a bottle on a table", seed: 3, duration: 1.5),
        ]
        return p
    }

    func render(_ p: Project, in folder: TestFolder, events: inout [RenderEvent]) throws -> [ShotRenderResult] {
        var collected: [RenderEvent] = []
        let results = try ProjectRenderer(folder: folder.path, project: p).render(p.shots) { collected.append($0) }
        events = collected
        return results
    }

    func render(_ p: Project, in folder: TestFolder) throws -> [ShotRenderResult] {
        var events: [RenderEvent] = []
        return try render(p, in: folder, events: &events)
    }

    func statuses(_ results: [ShotRenderResult]) -> [String: ShotRenderResult.Status] {
        Dictionary(uniqueKeysWithValues: results.map { ($0.shotID, $0.status) })
    }

    @Test func secondRunIsAllCacheHitsAndWritesNothing() throws {
        let folder = TestFolder()
        let first = try render(project(), in: folder)
        #expect(first.allSatisfy { $0.status == .rendered && $0.denoiserCalls == 8 && $0.wroteFrame })
        let before = try first.map { try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + $0.png)) }
        let second = try render(project(), in: folder)
        #expect(second.allSatisfy { $0.status == .cached && $0.denoiserCalls == 0 && !$0.wroteFrame })
        let after = try second.map { try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + $0.png)) }
        #expect(before == after)
    }

    @Test func onlyTheChangedShotIsDenoised() throws {
        let folder = TestFolder()
        _ = try render(project(), in: folder)
        for change in ["prompt", "seed", "steps", "sampler", "size", "variation"] {
            var p = project()
            switch change {
            case "prompt": p.shots[1].prompt = "medium shot of a man sitting on a sofa"
            case "seed": p.shots[1].seed = 99
            case "steps": p.shots[1].steps = 9
            case "sampler": p.shots[1].sampler = .euler
            case "size": p.shots[1].width = 320
            default:
                p.shots[1].variationSeed = 5
                p.shots[1].variationStrength = 0.2
            }
            let results = try render(p, in: folder)
            #expect(statuses(results) == ["a": .cached, "b": .rendered, "c": .cached], "change of \(change)")
            _ = try render(project(), in: folder)  // back to the cached original
        }
    }

    @Test func timingNotesTitlesAndOrderRenderNothing() throws {
        let folder = TestFolder()
        _ = try render(project(), in: folder)
        var p = project()
        p.title = "Renamed"
        p.shots[0].duration = 7.25
        p.shots[1].notes = "new note"
        p.shots[1].title = "A title"
        p.shots[2].dialogue = "Hello"
        p.shots[2].camera = .pushIn
        p.shots.reverse()
        let results = try render(p, in: folder)
        #expect(results.allSatisfy { $0.status == .cached && $0.denoiserCalls == 0 && !$0.wroteFrame })
    }

    @Test func corruptOrTruncatedCacheEntriesAreRerenderedNotTrusted() throws {
        let folder = TestFolder()
        let first = try render(project(), in: folder)
        let cache = LatentCache(projectFolder: folder.path, limitMB: 64)
        // Flip one byte in a's entry, truncate b's, replace c's with another key's contents.
        let pa = cache.path(for: first[0].key), pb = cache.path(for: first[1].key), pc = cache.path(for: first[2].key)
        var a = try Data(contentsOf: URL(fileURLWithPath: pa))
        a[a.count / 2] ^= 0x40
        try a.write(to: URL(fileURLWithPath: pa))
        let b = try Data(contentsOf: URL(fileURLWithPath: pb))
        try b.prefix(b.count - 7).write(to: URL(fileURLWithPath: pb))
        try Data(contentsOf: URL(fileURLWithPath: pa)).write(to: URL(fileURLWithPath: pc))
        try FileManager.default.removeItem(atPath: folder.path + "/frames")
        var events: [RenderEvent] = []
        let again = try render(project(), in: folder, events: &events)
        #expect(again.allSatisfy { $0.status == .rendered })
        let warnings = events.filter { if case .warning = $0 { return true } else { return false } }
        #expect(warnings.count == 3)
        // Same seeds, same frames: the re-render reproduces the first files byte for byte.
        let third = try render(project(), in: folder)
        #expect(third.allSatisfy { $0.status == .cached })
    }

    @Test func framesAreRedrawnFromCachedLatentsWithoutSampling() throws {
        let folder = TestFolder()
        let first = try render(project(), in: folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + first[0].png))
        try FileManager.default.removeItem(atPath: folder.path + "/frames")
        let again = try render(project(), in: folder)
        #expect(again.allSatisfy { $0.status == .cached && $0.denoiserCalls == 0 && $0.wroteFrame })
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + first[0].png)) == before)
    }

    @Test func cacheEvictsLeastRecentlyUsedPastItsCap() throws {
        let folder = TestFolder()
        let cache = LatentCache(projectFolder: folder.path, limitBytes: 80_000)
        let big = [Float](repeating: 0.5, count: 6_000)  // 24 kB each; five exceed the cap, three fit
        var keys: [RenderKey] = []
        for i in 0..<5 {
            let key = RenderKey(bytes: Array(repeating: UInt8(i), count: 32))
            keys.append(key)
            try cache.store(big, for: key)
            // Distinct modification times, oldest first.
            var times = [timespec(tv_sec: 1_000_000 + i, tv_nsec: 0), timespec(tv_sec: 1_000_000 + i, tv_nsec: 0)]
            _ = utimensat(AT_FDCWD, cache.path(for: key), &times, 0)
        }
        cache.evictIfNeeded()
        #expect(cache.latent(for: keys[0]) == nil && cache.latent(for: keys[1]) == nil)
        #expect(cache.latent(for: keys[4]) == big && cache.latent(for: keys[3]) == big)
    }

    @Test func framesCarryProvenanceAnIndependentReaderSees() throws {
        let folder = TestFolder()
        let results = try render(project(), in: folder)
        let png = folder.path + "/" + results[1].png
        let (out, _, status) = try runProgram("/usr/bin/env", ["python3", repositoryRoot + "/scripts/png_peer.py", "read", png])
        #expect(status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
        #expect(json?["width"] as? Int == 256 && json?["height"] as? Int == 144)
        let chunks = json?["chunks"] as? [[String: Any]] ?? []
        let parametersChunk = chunks.first { $0["keyword"] as? String == "parameters" }
        #expect(parametersChunk?["type"] as? String == "tEXt")
        let parameters = parametersChunk?["text"] as? String ?? ""
        #expect(parameters.hasPrefix("medium shot of a woman sitting on a sofa\n"))
        #expect(parameters.contains("Steps: 8, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 2, Size: 256x144"))
        let record = chunks.first { $0["keyword"] as? String == "storyreel" }?["text"] as? String ?? ""
        let recordJSON = try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any]
        #expect(recordJSON?["key"] as? String == results[1].key.hex)
        #expect(recordJSON?["seed"] as? Int == 2)
    }
}
