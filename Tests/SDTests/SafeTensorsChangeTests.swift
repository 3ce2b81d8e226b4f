import Foundation
import Testing
import SD
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A weights file truncated or rewritten after it was opened: each read after that fails with "model file changed
/// while in use: PATH", never SIGBUS (the file is not mapped) and never weights mixed from two versions.
@Suite struct SafeTensorsChangeTests {
    /// A private copy of the reference fixture, and its last and first float tensors in file order.
    func copy(in folder: TestFolder) throws -> (path: String, last: String, first: String) {
        let path = folder.path + "/model.safetensors"
        try FileManager.default.copyItem(atPath: Fixture.path("tiny-sd1/reference.safetensors"), toPath: path)
        let file = try SafeTensorsFile(path: path)
        let ordered = file.entries.filter { $0.value.dtype != nil }.sorted { $0.value.byteRange.lowerBound < $1.value.byteRange.lowerBound }
        return (path, ordered.last!.key, ordered.first!.key)
    }

    @Test func truncatedAfterOpenFailsWithTheMessage() throws {
        let folder = TestFolder()
        let (path, last, _) = try copy(in: folder)
        let file = try SafeTensorsFile(path: path)
        let before = try file.floats(last)
        #expect(truncate(path, 4096) == 0)
        let error = #expect(throws: SDError.self) { try file.floats(last) }
        #expect(error?.message.hasPrefix("model file changed while in use: \(path)") == true, "\(error?.message ?? "no error")")
        // Opened again, the truncated file is refused by its header check, not read past its end.
        #expect(throws: SDError.self) { try SafeTensorsFile(path: path) }
        #expect(!before.isEmpty)
    }

    @Test func rewrittenInPlaceFailsEvenWhereTheBytesStillExist() throws {
        let folder = TestFolder()
        let (path, _, first) = try copy(in: folder)
        let file = try SafeTensorsFile(path: path)
        // A second download writing over the file: same size, new bytes, new modification time.
        let fd = open(path, O_WRONLY)
        var junk = [UInt8](repeating: 0x7F, count: 64)
        #expect(pwrite(fd, &junk, junk.count, 20_000) == 64)
        // A modification time surely different from the copy's, even on a coarse clock.
        var times = [timespec(tv_sec: time(nil) + 10, tv_nsec: 0), timespec(tv_sec: time(nil) + 10, tv_nsec: 0)]
        futimens(fd, &times)
        close(fd)
        let error = #expect(throws: SDError.self) { try file.floats(first) }
        #expect(error?.message.hasPrefix("model file changed while in use: \(path)") == true, "\(error?.message ?? "no error")")
    }

    @Test func unchangedFileKeepsReading() throws {
        let folder = TestFolder()
        let (path, last, first) = try copy(in: folder)
        let file = try SafeTensorsFile(path: path)
        let reference = try SafeTensorsFile(path: Fixture.path("tiny-sd1/reference.safetensors"))
        #expect(try file.floats(last) == reference.floats(last))
        #expect(try file.floats(first) == reference.floats(first))
    }

    /// Truncation racing the reads, from another thread, many times: every read returns the tensor whole or
    /// throws the message; the process survives (a mapped file would have died of SIGBUS here).
    @Test func truncationDuringReadsNeverCrashes() throws {
        let folder = TestFolder()
        let (path, last, _) = try copy(in: folder)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        let reference = try SafeTensorsFile(path: Fixture.path("tiny-sd1/reference.safetensors")).floats(last)
        var whole = 0, refused = 0
        for round in 0..<40 {
            try original.write(to: URL(fileURLWithPath: path))
            let file = try SafeTensorsFile(path: path)
            let cutter = Thread { usleep(UInt32(round * 25)); _ = truncate(path, original.count / 3) }
            cutter.start()
            // Read until the cutter is done, then three more times: those must be refused.
            var after = 0
            while after < 3 {
                if cutter.isFinished { after += 1 }
                do {
                    #expect(try file.floats(last) == reference)
                    whole += 1
                    #expect(after == 0, "a read after the truncation returned data")
                } catch let error as SDError {
                    #expect(error.message.hasPrefix("model file changed while in use: \(path)"), "\(error.message)")
                    refused += 1
                }
            }
        }
        print("safetensors: \(whole) reads whole, \(refused) refused as changed, across 40 truncations during reads")
        #expect(refused >= 40 * 3)
    }
}
