import Testing
@testable import Imaging

@Suite struct RoundTripTests {
    @Test(arguments: [(1, 1), (3, 5), (4097, 1), (1, 300), (96, 54)], [true, false])
    func encodeThenDecodeIsLossless(size: (Int, Int), opaque: Bool) throws {
        let frame = Formulas.frame(width: size.0, height: size.1, opaque: opaque, seed: 7)
        let text = EncodeAgainstPeerTests.provenance
        let decoded = try PNGDecoder.decode(try PNGEncoder.encode(frame, text: text))
        #expect(decoded.frame == frame)
        #expect(decoded.text == text)
    }

    @Test(arguments: PNGFilter.allCases)
    func everyFilterRoundTrips(filter: PNGFilter) throws {
        let frame = Formulas.frame(width: 31, height: 7, opaque: false, seed: 3)
        for level in [0, 3, 9] {
            let decoded = try PNGDecoder.decode(try PNGEncoder.encode(frame, compressionLevel: level, filter: filter))
            #expect(decoded.frame == frame)
        }
    }

    @Test func isOpaqueLooksAtEveryAlpha() {
        var frame = Frame(width: 5, height: 3, fill: (10, 20, 30, 255))
        #expect(frame.isOpaque)
        frame.pixels[frame.pixels.count - 1] = 254
        #expect(!frame.isOpaque)
        #expect(!Frame(width: 1, height: 1, fill: (0, 0, 0, 0)).isOpaque)
    }
}
