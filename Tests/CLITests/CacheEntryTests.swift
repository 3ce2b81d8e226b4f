import Digest
import Foundation
import Testing
import TestSupport
@testable import Render

/// Cache entries this version cannot trust: written by another cache format (with a valid checksum), cut short,
/// flipped, emptied, or holding another key's latent. Each shot is denoised again with a warning naming the entry
/// and what is wrong with it; nothing crashes, and the rewritten entries verify.
@Suite struct CacheEntryTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func entryPath(_ folder: String, key hex: String) -> String {
        "\(folder)/.storyreel/cache/latents/\(hex.prefix(2))/\(hex).latent"
    }

    /// The entry with its format field set to `format` and its checksum recomputed, so only the version is wrong.
    func reversioned(_ entry: [UInt8], format: UInt32) -> [UInt8] {
        var body = Array(entry.dropLast(32))
        for i in 0..<4 { body[4 + i] = UInt8((format >> (8 * UInt32(i))) & 0xFF) }
        return body + SHA256.hash(body)
    }

    @Test func entriesFromAnotherFormatOrDamagedAreDenoisedAgain() throws {
        let folder = TestFolder()
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Examples/horse-beach/storyboard.toml", toPath: folder.path + "/storyboard.toml")
        let first = try json(try runProgram(CLITests.binary, ["render", folder.path, "--json"]).out)
        let shots = first["shots"] as? [[String: Any]] ?? []
        try #require(shots.count >= 7)
        let ids = shots.map { $0["id"] as? String ?? "" }
        let paths = shots.map { entryPath(folder.path, key: $0["key"] as? String ?? "") }
        let entries = try paths.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
        let frames = try ids.map { try Data(contentsOf: URL(fileURLWithPath: folder.path + "/frames/\($0).png")) }
        // The format field is the little-endian word after the magic; this build writes format 1.
        #expect(entries.allSatisfy { $0[4..<8] == [1, 0, 0, 0] })

        var flipped = entries[3]
        flipped[flipped.count / 2] ^= 0x10
        let damage: [(problem: String, bytes: [UInt8])] = [
            ("cache format 2", reversioned(entries[0], format: 2)),
            ("cache format 0", reversioned(entries[1], format: 0)),
            ("truncated", Array(entries[2].dropLast(7))),
            ("checksum", flipped),
            ("truncated", []),
            ("another render", entries[6]),
        ]
        for (i, d) in damage.enumerated() { try Data(d.bytes).write(to: URL(fileURLWithPath: paths[i])) }

        let again = try runProgram(CLITests.binary, ["render", folder.path, "--json"])
        #expect(again.status == 0, "\(again.err)")
        let result = try json(again.out)
        let statuses = (result["shots"] as? [[String: Any]] ?? []).map { $0["status"] as? String ?? "" }
        #expect(statuses == ids.indices.map { $0 < damage.count ? "rendered" : "cached" })
        #expect((result["denoiser_calls"] as? Int ?? 0) > 0)
        let warnings = again.err.split(separator: "\n").filter { $0.hasPrefix("storyreel: warning:") }
        #expect(warnings.count == damage.count, "\(again.err)")
        for (i, d) in damage.enumerated() {
            #expect(warnings.contains { $0.contains(paths[i]) && $0.contains(d.problem) && $0.contains("'\(ids[i])'") }, "no warning for \(ids[i]) (\(d.problem)): \(again.err)")
        }
        // Same seeds, same latents: the frames on disk are still those of the first render.
        for (i, id) in ids.enumerated() {
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/frames/\(id).png")) == frames[i], "\(id).png changed")
        }
        // The entries were written again in this build's format and verify under their keys.
        for (i, path) in paths.enumerated() {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(bytes == entries[i], "\(ids[i]): the rewritten entry differs from the first one")
            #expect(LatentCache.decode(bytes, key: RenderKey(bytes: Array(bytes[8..<40]))) != nil)
        }
        let third = try runProgram(CLITests.binary, ["render", folder.path, "--json"])
        #expect(try json(third.out)["denoiser_calls"] as? Int == 0 && !third.err.contains("warning"))
    }
}
