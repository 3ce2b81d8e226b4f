import Testing
@testable import Imaging

/// Files written by the Python peer in every colour type and bit depth, decoded by libpng through our shim.
@Suite struct DecodePeerFilesTests {
    static let kinds = [
        "gray8", "gray16", "gray4", "gray8-trns", "gray-alpha8", "gray-alpha16", "palette8-trns", "palette2",
        "rgb8", "rgb16", "rgb8-trns", "rgba8", "rgba16", "rgb8-adam7",
    ]

    /// The text chunks png_peer.py writes into every file, in order (the iTXt comes after IDAT).
    static let peerText = [
        PNGTextChunk(keyword: "Title", text: "Café crème ½", kind: .text),
        PNGTextChunk(keyword: "Comment", text: String(repeating: "written by png_peer.py ", count: 4),
                     kind: .compressedText),
        PNGTextChunk(keyword: "Prompt", text: "a fox 🦊 at dusk, 東京", kind: .internationalText),
    ]

    @Test(arguments: kinds, [(13, 11), (1, 1), (3, 2), (33, 4)])
    func decodesToFormulaPixels(kind: String, size: (Int, Int)) throws {
        let bytes = try Peer.write(kind: kind, width: size.0, height: size.1)
        let decoded = try PNGDecoder.decode(bytes)
        let expected = Formulas.expectedFrame(kind: kind, width: size.0, height: size.1)
        #expect(decoded.frame.width == size.0 && decoded.frame.height == size.1)
        #expect(Formulas.difference(decoded.frame.pixels, expected, width: size.0) == nil, "\(kind) \(size)")
        #expect(decoded.text == Self.peerText)
    }

    /// Guards the peer itself: its reader agrees with the formulas for its own non-interlaced files.
    @Test(arguments: kinds.filter { !$0.hasSuffix("adam7") })
    func peerReaderAgreesWithFormulas(kind: String) throws {
        let bytes = try Peer.write(kind: kind, width: 13, height: 11)
        let peer = try Peer.read(bytes)
        #expect(peer.errors == [])
        let expected = Formulas.expectedFrame(kind: kind, width: 13, height: 11)
        #expect(Formulas.difference(peer.pixels, expected, width: 13) == nil)
    }
}
