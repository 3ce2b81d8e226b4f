import Foundation
import Testing
@testable import Imaging

/// Image bombs and PngSuite's corrupt files (rebuilt by scripts/png_bombs.py): each is refused with a message that
/// names the limit or the damage, before the decoder allocates what the file claims.
@Suite struct ImageBombTests {
    /// The files png_bombs.py writes, by name, made once for the suite.
    static let files: [String: [UInt8]] = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("storyreel-bombs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = URL(fileURLWithPath: Peer.script).deletingLastPathComponent().appendingPathComponent("png_bombs.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, folder]
        guard (try? process.run()) != nil else { return [:] }
        process.waitUntilExit()
        var files: [String: [UInt8]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            files[String(name.dropLast(4))] = FileManager.default.contents(atPath: folder + "/" + name).map { Array($0) }
        }
        return files
    }()

    /// What each file's error must say (the limit it broke, or libpng's finding for PngSuite's damage).
    static let expected: [(name: String, message: String)] = [
        ("bomb-ihdr-1000000x1000000", "image is 1000000x1000000 pixels, over the limit: expected 1 to 16384 a side"),
        ("bomb-ihdr-16384x16384", "at most 67108864 pixels (256 MiB decoded)"),
        ("bomb-ztxt-1gb", "text chunks inflate past 8388608 bytes at the zTXt chunk at byte 33"),
        ("bomb-itxt-1gb", "text chunks inflate past 8388608 bytes at the iTXt chunk at byte 33"),
        ("bomb-ztxt-2x7mib", "text chunks inflate past 8388608 bytes at the zTXt chunk at byte 7"),
        ("bomb-chunk-2gib", "declares 2147483648 data bytes; PNG allows at most 2147483647"),
        ("bomb-chunk-2gib-1", "truncated: chunk tEXt at byte 33 declares 2147483647 data bytes"),
        ("bomb-chunk-9mib", "has 9437192 data bytes; expected at most 8388608 outside IDAT"),
        ("xs1n0g01", "not a PNG"), ("xs2n0g01", "not a PNG"), ("xs4n0g01", "not a PNG"), ("xs7n0g01", "not a PNG"),
        ("xcrn0g04", "not a PNG"), ("xlfn0g04", "not a PNG"),
        ("xhdn0g08", "IHDR: CRC error"), ("xcsn0g01", "IDAT: CRC error"),
        ("xc1n0g08", "Invalid color type"), ("xc9n2c08", "Invalid color type"),
        ("xd0n2c08", "bit depth"), ("xd3n2c08", "bit depth"), ("xd9n2c08", "bit depth"),
        ("xdtn0g01", "IEND"),
    ]

    @Test func everyFileIsMade() {
        #expect(Set(Self.files.keys) == Set(Self.expected.map(\.name) + ["valid-grey8"]))
    }

    @Test func controlFileDecodes() throws {
        let frame = try PNGDecoder.decode(try #require(Self.files["valid-grey8"])).frame
        #expect(frame.width == 32 && frame.height == 32)
        // The generator's ramp: grey (x + y) * 4 at (x, y).
        #expect(frame.pixels[(3 * 32 + 5) * 4] == 32 && frame.pixels[(3 * 32 + 5) * 4 + 3] == 255)
    }

    @Test(arguments: expected)
    func refusedWithItsReason(name: String, message: String) throws {
        let bytes = try #require(Self.files[name])
        let error = #expect(throws: PNGError.self) { try PNGDecoder.decode(bytes) }
        #expect(error?.message.contains(message) == true, "\(name): \(error?.message ?? "no error")")
    }

    /// The 1 GiB text is refused after inflating only about the 8 MiB limit: quickly, not after a gigabyte.
    @Test func textBombCostsOnlyTheLimit() throws {
        let bytes = try #require(Self.files["bomb-ztxt-1gb"])
        #expect(bytes.count < 2 << 20)
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = try? PNGDecoder.decode(bytes) }
        #expect(elapsed < .seconds(2), "\(elapsed)")
    }

    /// A caller's larger pixel limit is still bounded by the 512 MiB cap on decoded bytes.
    @Test func decodedBytesAreCappedWhateverTheCallerAsks() throws {
        let bytes = try #require(Self.files["bomb-ihdr-16384x16384"])
        let error = #expect(throws: PNGError.self) { try PNGDecoder.decode(bytes, maxPixels: 1 << 40) }
        #expect(error?.message.contains("at most 134217728 pixels (512 MiB decoded)") == true, "\(error?.message ?? "")")
    }
}
