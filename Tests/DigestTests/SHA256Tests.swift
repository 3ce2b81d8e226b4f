import Foundation
import Testing
@testable import Digest

/// Expectations come from FIPS 180-4 examples and from the system's `sha256sum`.
@Suite struct SHA256Tests {
    @Test func fipsVectors() {
        #expect(SHA256.hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(SHA256.hash([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func millionAs() {
        var h = SHA256()
        let chunk = [UInt8](repeating: 0x61, count: 1000)
        for _ in 0..<1000 { chunk.withUnsafeBytes { h.update($0) } }
        #expect(SHA256.hex(h.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func matchesSha256sumAcrossBlockBoundaries() throws {
        // Lengths around the 55/56/64-byte padding edges, fed in uneven pieces.
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 1000, 4097] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            var h = SHA256()
            var i = 0
            var piece = 1
            while i < bytes.count {
                let end = min(bytes.count, i + piece)
                if piece % 2 == 0 { h.update(bytes[i..<end]) } else { bytes[i..<end].withUnsafeBytes { h.update($0) } }
                i = end
                piece += 3
            }
            let expected = try sha256sum(bytes)
            #expect(SHA256.hex(h.finalize()) == expected, "length \(length)")
        }
    }

    private func sha256sum(_ bytes: [UInt8]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }
}
