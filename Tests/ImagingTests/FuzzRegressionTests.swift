import Foundation
import Testing
@testable import Imaging

/// Every input in Fuzz/Regressions/png (what once crashed a harness or blew up its memory) goes through the decoder
/// and the chunk walker as the harness feeds it: each is refused, within a small memory budget.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions/png").path

    @Test func everyRegressionInputIsRefused() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder).sorted()
        #expect(names.count >= 3)
        for name in names {
            let bytes = try #require(FileManager.default.contents(atPath: Self.folder + "/" + name)).map { $0 }
            #expect(throws: PNGError.self, "\(name)") { try PNGDecoder.decode(bytes, maxPixels: 1 << 16) }
            _ = try? PNGChunkReader.textChunks(bytes)
        }
    }
}
