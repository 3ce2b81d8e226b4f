import Foundation
import Imaging
import Testing
import TestSupport
@testable import Render

/// SIGKILL at random moments during render and export: afterwards the project file is untouched, every cache
/// entry and frame that exists verifies, outputs are whole or absent, and a re-run completes with the same frames.
@Suite(.serialized) struct FaultInjectionTests {
    func spawn(_ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Every cache file decodes under its own key, and every frame PNG decodes.
    func verify(_ folder: String) throws -> (entries: Int, frames: Int) {
        let fm = FileManager.default
        var entries = 0, frames = 0
        let cache = folder + "/.storyreel/cache/latents"
        for shard in (try? fm.contentsOfDirectory(atPath: cache)) ?? [] {
            for name in (try? fm.contentsOfDirectory(atPath: cache + "/" + shard)) ?? [] where name.hasSuffix(".latent") && !name.hasPrefix(".") {
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: cache + "/" + shard + "/" + name)))
                var key: [UInt8] = []
                var hex = Substring(name.dropLast(".latent".count))
                while hex.count >= 2 { key.append(UInt8(hex.prefix(2), radix: 16)!); hex = hex.dropFirst(2) }
                #expect(LatentCache.decode(bytes, key: RenderKey(bytes: key)) != nil, "cache entry \(name) does not verify")
                entries += 1
            }
        }
        for name in (try? fm.contentsOfDirectory(atPath: folder + "/frames")) ?? [] where name.hasSuffix(".png") && !name.hasPrefix(".") {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/frames/" + name)))
            #expect((try? PNGDecoder.decode(bytes)) != nil, "frame \(name) is damaged")
            frames += 1
        }
        return (entries, frames)
    }

    @Test func killsDuringRenderAndExportLoseNothing() throws {
        let folder = TestFolder()
        let project = folder.path + "/storyboard.toml"
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Examples/sofa-spot/storyboard.toml", toPath: project)
        let original = try Data(contentsOf: URL(fileURLWithPath: project))
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for round in 0..<16 {
            if round % 4 == 0 {
                try? FileManager.default.removeItem(atPath: folder.path + "/.storyreel")
                try? FileManager.default.removeItem(atPath: folder.path + "/frames")
            }
            let exporting = round % 2 == 1
            let args = exporting ? ["export", folder.path, "--pdf", folder.path + "/board.pdf"] : ["render", folder.path]
            let p = try spawn(args)
            Thread.sleep(forTimeInterval: Double.random(in: 0.02...0.6, using: &generator))
            if p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                kills += 1
            }
            p.waitUntilExit()
            #expect(try Data(contentsOf: URL(fileURLWithPath: project)) == original)
            _ = try verify(folder.path)
            if FileManager.default.fileExists(atPath: folder.path + "/board.pdf") {
                let info = try runProgram("/usr/bin/env", ["pdfinfo", folder.path + "/board.pdf"])
                #expect(info.status == 0, "board.pdf is damaged after a kill")
            }
        }
        print("fault injection: \(kills) of 16 runs killed with SIGKILL mid-run")
        #expect(kills >= 8, "only \(kills) of 16 runs were still going when killed")
        // A run after all that completes, and its frames equal those of an untouched project.
        let finish = try spawn(["render", folder.path])
        finish.waitUntilExit()
        #expect(finish.terminationStatus == 0)
        let clean = TestFolder()
        try FileManager.default.copyItem(atPath: project, toPath: clean.path + "/storyboard.toml")
        let reference = try spawn(["render", clean.path])
        reference.waitUntilExit()
        for name in try FileManager.default.contentsOfDirectory(atPath: clean.path + "/frames") where name.hasSuffix(".png") {
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/frames/" + name)) == Data(contentsOf: URL(fileURLWithPath: clean.path + "/frames/" + name)), "\(name) differs")
        }
        let counts = try verify(folder.path)
        #expect(counts.frames == 12 && counts.entries >= 12)
        // The last run swept what the killed ones left half-written.
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var leftovers: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.contains(".tmp-") { leftovers.append(path) }
        }
        #expect(leftovers.isEmpty, "left behind: \(leftovers)")
    }
}
