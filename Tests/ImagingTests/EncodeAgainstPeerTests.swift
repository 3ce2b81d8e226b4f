import Testing
@testable import Imaging

/// Frames encoded by libpng through our shim, read back by the independent Python peer.
@Suite struct EncodeAgainstPeerTests {
    static let provenance = [
        PNGTextChunk(keyword: "Title", text: "Café déjà vu ½ © ÿ", kind: .text),
        PNGTextChunk(keyword: "prompt", text: "a red fox 🦊 in Tōkyō, 東京 at dusk", kind: .internationalText),
        PNGTextChunk(keyword: "parameters", text: String(repeating: "Steps: 20, Sampler: Euler, ", count: 20),
                     kind: .compressedText),
        PNGTextChunk(keyword: "Grüße Welt", text: "", kind: .text),
    ]

    @Test(arguments: [(1, 1), (3, 5), (4097, 1), (64, 48)], [true, false])
    func peerReadsPixelsAndText(size: (Int, Int), opaque: Bool) throws {
        let frame = Formulas.frame(width: size.0, height: size.1, opaque: opaque, seed: UInt64(size.0 * 31 + size.1))
        let bytes = try PNGEncoder.encode(frame, text: Self.provenance)
        let peer = try Peer.read(bytes)

        #expect(peer.errors == [], "peer found structural/CRC errors")
        #expect(peer.status == 0)
        #expect(peer.width == size.0 && peer.height == size.1)
        #expect(peer.bitDepth == 8)
        // Opaque frames drop the alpha channel (colour type 2); translucent ones keep it (6).
        #expect(peer.colorType == (opaque ? 2 : 6))
        #expect(Formulas.difference(peer.pixels, frame.pixels, width: frame.width) == nil)
        #expect(peer.chunkTypes.first == "IHDR" && peer.chunkTypes.last == "IEND")
        #expect(peer.chunkTypes.contains("sRGB"))

        let expectedTypes = ["tEXt", "iTXt", "zTXt", "tEXt"]
        #expect(peer.texts.map(\.type) == expectedTypes)
        #expect(peer.texts.map(\.keyword) == Self.provenance.map(\.keyword))
        #expect(peer.texts.map(\.text) == Self.provenance.map(\.text))
    }

    @Test(arguments: PNGFilter.allCases, [0, 1, 9])
    func everyFilterAndLevelIsReadableByPeer(filter: PNGFilter, level: Int) throws {
        let frame = Formulas.frame(width: 17, height: 9, opaque: false)
        let bytes = try PNGEncoder.encode(frame, compressionLevel: level, filter: filter)
        let peer = try Peer.read(bytes)
        #expect(peer.errors == [])
        #expect(Formulas.difference(peer.pixels, frame.pixels, width: frame.width) == nil)
    }

    @Test func opaqueFileIsSmallerThanTheSameFrameWithAlpha() throws {
        var opaque = Formulas.frame(width: 40, height: 30, opaque: true)
        let rgb = try PNGEncoder.encode(opaque, compressionLevel: 0)
        opaque.pixels[3] = 254
        let rgba = try PNGEncoder.encode(opaque, compressionLevel: 0)
        // Stored (level 0) deflate: RGBA carries one extra byte per pixel.
        #expect(rgba.count - rgb.count >= 40 * 30)
    }

    @Test func rejectsCompressionLevelOutOfRange() {
        let frame = Frame(width: 2, height: 2)
        #expect(throws: PNGError.self) { try PNGEncoder.encode(frame, compressionLevel: 10) }
        #expect(throws: PNGError.self) { try PNGEncoder.encode(frame, compressionLevel: -1) }
    }
}
