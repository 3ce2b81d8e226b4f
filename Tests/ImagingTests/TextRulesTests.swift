import Testing
@testable import Imaging

/// Keyword and text rules from PNG spec 11.3.4.
@Suite struct TextRulesTests {
    static let frame = Frame(width: 2, height: 2)

    @Test(arguments: ["", String(repeating: "k", count: 80), " lead", "trail ", "two  spaces", "tab\tkey",
                      "emoji🦊", "nul\u{0}key", "Ā macron", "\u{7F}del", "nbsp\u{A0}"])
    func invalidKeywordThrows(keyword: String) {
        #expect(throws: PNGError.self) {
            try PNGEncoder.encode(Self.frame, text: [PNGTextChunk(keyword: keyword, text: "x", kind: .text)])
        }
    }

    @Test(arguments: [String(repeating: "k", count: 79), "K", "Größe ÿ", "one two three", "a~!@#"])
    func validKeywordRoundTrips(keyword: String) throws {
        let chunk = PNGTextChunk(keyword: keyword, text: "value", kind: .compressedText)
        let decoded = try PNGDecoder.decode(try PNGEncoder.encode(Self.frame, text: [chunk]))
        #expect(decoded.text == [chunk])
    }

    @Test func latin1TextKindsRejectOtherCharacters() {
        for kind in [PNGTextChunk.Kind.text, .compressedText] {
            #expect(throws: PNGError.self) {
                try PNGEncoder.encode(Self.frame, text: [PNGTextChunk(keyword: "k", text: "fox 🦊", kind: kind)])
            }
        }
        #expect(throws: PNGError.self) {
            try PNGEncoder.encode(Self.frame, text: [PNGTextChunk(keyword: "k", text: "a\u{0}b", kind: .internationalText)])
        }
    }

    @Test func errorMessageNamesTheProblem() {
        let error = #expect(throws: PNGError.self) {
            try PNGEncoder.encode(Self.frame, text: [PNGTextChunk(keyword: "a  b", text: "", kind: .text)])
        }
        #expect(error?.message.contains("a  b") == true)
        #expect(error?.message.contains("consecutive spaces") == true)
    }
}
