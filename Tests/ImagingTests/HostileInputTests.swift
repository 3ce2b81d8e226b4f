import Testing
@testable import Imaging

/// Damaged and malicious files must throw PNGError: never crash, never hang, never allocate absurd sizes.
@Suite struct HostileInputTests {
    static let valid: [UInt8] = {
        let frame = Formulas.frame(width: 24, height: 16, opaque: false, seed: 11)
        let text = [PNGTextChunk(keyword: "prompt", text: "hostile 🦊", kind: .internationalText),
                    PNGTextChunk(keyword: "seed", text: "42", kind: .text)]
        // Level 0 keeps IDAT large, so bit flips land in stored pixel bytes as well as deflate headers.
        return (try? PNGEncoder.encode(frame, text: text, compressionLevel: 0)) ?? []
    }()

    @Test func validFileDecodes() throws {
        #expect(try PNGDecoder.decode(Self.valid).frame == Formulas.frame(width: 24, height: 16, opaque: false, seed: 11))
    }

    @Test func truncationAtEverySeventhByteThrows() {
        #expect(Self.valid.count > 1000)
        for length in stride(from: 0, to: Self.valid.count, by: 7) {
            let truncated = Array(Self.valid.prefix(length))
            #expect(throws: PNGError.self, "decoder, truncated to \(length)") { try PNGDecoder.decode(truncated) }
            #expect(throws: PNGError.self, "chunk reader, truncated to \(length)") {
                try PNGChunkReader.textChunks(truncated)
            }
        }
    }

    @Test func bitFlipsInIDATAndIHDRThrow() throws {
        let chunks = Formulas.chunks(Self.valid)
        for type in ["IDAT", "IHDR"] {
            let chunk = try #require(chunks.first { $0.type == type })
            // Every bit of IHDR; every bit of the first 48 IDAT bytes and then one bit every 37 bytes.
            var offsets = Array(0..<min(chunk.length, 48))
            offsets += Array(stride(from: 48, to: chunk.length, by: 37))
            for offset in offsets {
                for bit in 0..<8 {
                    var damaged = Self.valid
                    damaged[chunk.data + offset] ^= UInt8(1 << bit)
                    #expect(throws: PNGError.self, "\(type) byte \(offset) bit \(bit)") {
                        try PNGDecoder.decode(damaged)
                    }
                }
            }
        }
    }

    /// With the CRC recomputed, libpng itself must judge the damage: any outcome but a crash is acceptable,
    /// and a frame that does come back has the dimensions IHDR declares.
    @Test func bitFlipsWithValidCRCNeverCrash() throws {
        let chunks = Formulas.chunks(Self.valid)
        for type in ["IHDR", "IDAT"] {
            let chunk = try #require(chunks.first { $0.type == type })
            for offset in 0..<min(chunk.length, 40) {
                for bit in 0..<8 {
                    var damaged = Self.valid
                    damaged[chunk.data + offset] ^= UInt8(1 << bit)
                    Formulas.fixCRC(&damaged, chunkAt: chunk.start, length: chunk.length)
                    if let decoded = try? PNGDecoder.decode(damaged, maxPixels: 1 << 20) {
                        let ihdr = Formulas.chunks(damaged)[0].data
                        let width = damaged[ihdr..<(ihdr + 4)].reduce(0) { $0 << 8 | Int($1) }
                        #expect(decoded.frame.width == width)
                    }
                }
            }
        }
    }

    static func file(width: UInt32, height: UInt32) -> [UInt8] {
        let ihdr = Formulas.bigEndian(width) + Formulas.bigEndian(height) + [8, 6, 0, 0, 0]
        // A tiny valid zlib stream (one empty stored block) so that only the size can be the problem.
        let idat: [UInt8] = [0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x01]
        return [137, 80, 78, 71, 13, 10, 26, 10] + Formulas.chunk("IHDR", ihdr) + Formulas.chunk("IDAT", idat)
            + Formulas.chunk("IEND", [])
    }

    @Test func hugeDimensionsAreRejectedBeforeAllocation() {
        for (width, height) in [(100_000, 100_000), (16385, 1), (1, 16385), (16384, 16384)] as [(UInt32, UInt32)] {
            // 16384 x 16384 passes the per-side limit but not the default 64 Mi pixel limit.
            #expect(throws: PNGError.self, "\(width)x\(height)") {
                try PNGDecoder.decode(Self.file(width: width, height: height))
            }
        }
    }

    @Test func callerPixelLimitIsEnforced() throws {
        let bytes = try PNGEncoder.encode(Frame(width: 100, height: 100, fill: (1, 2, 3, 4)))
        let error = #expect(throws: PNGError.self) { try PNGDecoder.decode(bytes, maxPixels: 9_999) }
        #expect(error?.message.contains("over the limit") == true)
        #expect(try PNGDecoder.decode(bytes, maxPixels: 10_000).frame.width == 100)
    }

    @Test func emptyAndNonPNGInputThrow() {
        let inputs: [[UInt8]] = [
            [],
            Array("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8),
            Array("just some text that is long enough to look like a file".utf8),
            [137, 80, 78, 71, 13, 10, 26, 10],
            Array(Self.valid.prefix(8)) + Formulas.chunk("IEND", []),
        ]
        for input in inputs {
            #expect(throws: PNGError.self, "\(input.prefix(8))") { try PNGDecoder.decode(input) }
        }
    }
}
