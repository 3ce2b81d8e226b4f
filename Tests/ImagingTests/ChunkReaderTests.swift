import Testing
@testable import Imaging

@Suite struct ChunkReaderTests {
    /// Expectation from the peer: the tEXt and iTXt chunks it sees (zTXt is left to the full decoder).
    @Test func matchesPeerOnSwiftEncodedFile() throws {
        let bytes = try PNGEncoder.encode(Formulas.frame(width: 9, height: 4, opaque: true),
                                          text: EncodeAgainstPeerTests.provenance)
        let peer = try Peer.read(bytes)
        let expected = peer.texts.filter { $0.type != "zTXt" }
        let chunks = try PNGChunkReader.textChunks(bytes)
        #expect(chunks.map(\.keyword) == expected.map(\.keyword))
        #expect(chunks.map(\.text) == expected.map(\.text))
        #expect(chunks.map(\.kind) == [.text, .internationalText, .text])
    }

    @Test func readsTextAfterImageDataInPeerFile() throws {
        let bytes = try Peer.write(kind: "rgb8", width: 5, height: 5)
        let chunks = try PNGChunkReader.textChunks(bytes)
        #expect(chunks == DecodePeerFilesTests.peerText.filter { $0.kind != .compressedText })
    }

    @Test func rejectsBadCRC() throws {
        var bytes = try PNGEncoder.encode(Frame(width: 3, height: 3),
                                          text: [PNGTextChunk(keyword: "seed", text: "42", kind: .text)])
        let text = try #require(Formulas.chunks(bytes).first { $0.type == "tEXt" })
        bytes[text.data + text.length - 1] ^= 0x01   // "42" becomes "43"; CRC left alone
        let error = #expect(throws: PNGError.self) { try PNGChunkReader.textChunks(bytes) }
        #expect(error?.message.contains("CRC") == true)
        // A damaged pixel chunk is rejected too, although its pixels are never inflated.
        var pixels = try PNGEncoder.encode(Frame(width: 3, height: 3))
        let idat = try #require(Formulas.chunks(pixels).first { $0.type == "IDAT" })
        pixels[idat.data] ^= 0x80
        #expect(throws: PNGError.self) { try PNGChunkReader.textChunks(pixels) }
    }

    @Test func rejectsNonPNGAndMisplacedIHDR() {
        #expect(throws: PNGError.self) { try PNGChunkReader.textChunks([]) }
        #expect(throws: PNGError.self) { try PNGChunkReader.textChunks(Array("not a png at all".utf8)) }
        let noIHDR: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10] + Formulas.chunk("tEXt", Array("k\u{0}v".utf8))
            + Formulas.chunk("IEND", [])
        #expect(throws: PNGError.self) { try PNGChunkReader.textChunks(noIHDR) }
    }
}
