import Foundation
import Testing
import TestSupport
@testable import SD

/// The CLIP tokenizer against ids transformers' CLIPTokenizer (5.x) produced.
@Suite struct TokenizerTests {
    /// One prompt of tokenizer-cases.json with its reference ids for both pad tokens.
    struct Case: Decodable {
        let prompt: String
        let ids: [Int]
        let ids_pad_bang: [Int]
    }

    static let clipFolder = Fixture.path("clip-tokenizer")

    static func cases() throws -> [Case] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixture.path("tokenizer-cases.json")))
        return try JSONDecoder().decode([Case].self, from: data)
    }

    /// The full CLIP tokenizer, padding with "<|endoftext|>" (the folder has no config files) or with "!"
    /// (a copy of the folder with SD 2.x's special_tokens_map.json).
    static let eosPadded = Result { try CLIPTokenizer(folder: clipFolder) }
    static let bangPadded = Result { () throws -> CLIPTokenizer in
        let folder = TestFolder("bangPadded")
        for name in ["vocab.json", "merges.txt"] {
            try FileManager.default.copyItem(atPath: clipFolder + "/" + name, toPath: folder.path + "/" + name)
        }
        try Data(#"{"bos_token": "<|startoftext|>", "eos_token": "<|endoftext|>", "pad_token": "!"}"#.utf8)
            .write(to: URL(fileURLWithPath: folder.path + "/special_tokens_map.json"))
        return try CLIPTokenizer(folder: folder.path)
    }

    @Test func everyFixtureCaseMatchesWithEitherPad() throws {
        let eos = try Self.eosPadded.get(), bang = try Self.bangPadded.get()
        #expect(eos.padID == eos.eosID)
        #expect(bang.padID == 0)
        let cases = try Self.cases()
        #expect(cases.count >= 12)
        for c in cases {
            #expect(eos.tokenize(c.prompt) == c.ids, "\(c.prompt.debugDescription)")
            #expect(bang.tokenize(c.prompt) == c.ids_pad_bang, "\(c.prompt.debugDescription) padded with !")
        }
    }

    @Test func encodeIsTokenizeWithoutTheFrame() throws {
        let tokenizer = try Self.eosPadded.get()
        #expect(tokenizer.bosID == 49406 && tokenizer.eosID == 49407)
        #expect(tokenizer.encode("a photo of a cat") == [320, 1125, 539, 320, 2368])
        #expect(tokenizer.encode("") == [])
        #expect(tokenizer.tokenize("", length: 4) == [49406, 49407, 49407, 49407])
        // Truncation keeps the first length-2 ids and still ends with EOS.
        let long = String(repeating: "horse ", count: 200)
        #expect(tokenizer.encode(long).count == 200)
        #expect(tokenizer.tokenize(long, length: 10) == [49406] + Array(repeating: tokenizer.encode("horse")[0], count: 8) + [49407])
    }

    /// Edge cases whose reference ids (encode, no special tokens added) were read off transformers once.
    @Test(arguments: [
        // Special tokens are matched in the raw text, case-sensitively; in other cases they are text, which
        // the byte-level split cuts into "<|", name, "|>".
        ("<|ENDOFTEXT|>!!", [27, 347, 40786, 4160, 91, 285, 748], [27, 347, 40786, 4160, 91, 285, 0, 0]),
        ("!<|ENDOFTEXT|>", [0, 27, 347, 40786, 4160, 91, 285], [0, 27, 347, 40786, 4160, 91, 285]),
        ("a<|endoftext|>b", [320, 49407, 321], [320, 49407, 321]),
        ("<|startoftext|>x", [49406, 343], [49406, 343]),
        // With the "!" pad, every "!" is the pad token.
        ("cat!dog", [2368, 256, 1929], [2368, 0, 1929]),
        // Lower case one character at a time: no final sigma, full mappings (İ → i + U+0307, ẞ → ß).
        ("ΣΑΣ", [139, 225, 138, 109, 139, 481], [139, 225, 138, 109, 139, 481]),
        ("İstanbul", [328, 16384, 11231], [328, 16384, 11231]),
        ("\u{1E9E}", [127, 509], [127, 509]),
        // Unicode White_Space separates words; zero-width space and U+001C are not whitespace.
        ("x\u{A0}y\u{3000}z\u{85}w", [343, 344, 345, 342], [343, 344, 345, 342]),
        ("x\u{200B}y", [343, 9844, 344], [343, 9844, 344]),
        ("x\u{1C}y", [343, 472, 344], [343, 472, 344]),
        // NFC joins e + combining acute into é.
        ("e\u{301}", [4166], [4166]),
        // The pattern is case-sensitive: long s is no contraction.
        ("x'\u{17F}", [343, 262, 129, 379], [343, 262, 129, 379]),
        ("'stop", [568, 1253], [568, 1253]),
        ("can't've", [753, 713, 1200], [753, 713, 1200]),
        // \p{N} is every number category, one character at a time.
        ("₂½Ⅷ", [5227, 480, 33613, 158, 227, 371], [5227, 480, 33613, 158, 227, 371]),
        // Control bytes are spelled with the characters from U+0100 on.
        ("\u{0}\u{7F}", [188, 477], [188, 477]),
    ])
    func matchesTheReferenceOnEdgeCases(text: String, eosPadIDs: [Int], bangPadIDs: [Int]) throws {
        #expect(try Self.eosPadded.get().encode(text) == eosPadIDs)
        #expect(try Self.bangPadded.get().encode(text) == bangPadIDs)
    }

    @Test(arguments: ["tiny-sd1", "tiny-sd2"])
    func tinyModelTokenizersMatchTheirReferenceIDs(family: String) throws {
        let tokenizer = try CLIPTokenizer(folder: Fixture.path(family + "/tokenizer"))
        #expect(tokenizer.bosID == 998 && tokenizer.eosID == 999)
        #expect(tokenizer.padID == (family == "tiny-sd2" ? 0 : 999))
        let settings = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixture.path(family + "/reference.json")))) as! [String: Any]
        let prompts = [settings["prompt"] as! String, settings["negative"] as! String]
        let expected = try Self.int32Tensor("text.ids", in: Fixture.path(family + "/reference.safetensors"))
        #expect(expected.shape == [2, 77])
        for (row, prompt) in prompts.enumerated() {
            #expect(tokenizer.tokenize(prompt) == Array(expected.values[row * 77..<(row + 1) * 77]), "\(family): \(prompt.debugDescription)")
        }
    }

    @Test func manyThreadsShareOneTokenizer() async throws {
        let tokenizer = try Self.eosPadded.get()
        let prompts = try Self.cases().map(\.prompt)
        let expected = prompts.map { tokenizer.tokenize($0) }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask { prompts.map { tokenizer.tokenize($0) } == expected }
            }
            for try await same in group { #expect(same) }
        }
    }

    @Test func speedSanityFigure() throws {
        let tokenizer = try Self.eosPadded.get()
        let words = ["horse", "galloping", "beach", "sunset", "cinematic", "35mm", "wide", "shot", "café", "東京", "🐴", "golden", "hour", "f/1.8"]
        let prompts = (0..<1000).map { i in (0..<12).map { words[($0 * 7 + i * 3) % words.count] }.joined(separator: " ") + " \(i)" }
        let start = Date()
        var total = 0
        for prompt in prompts { total += tokenizer.tokenize(prompt).count }
        #expect(total == 77_000)
        print("CLIPTokenizer: 1000 prompts in \(String(format: "%.1f", Date().timeIntervalSince(start) * 1000)) ms")
    }

    // MARK: Errors

    @Test func missingFolderIsAClearError() {
        let error = #expect(throws: SDError.self) { try CLIPTokenizer(folder: "/nonexistent/tokenizer") }
        #expect(error?.message.contains("/nonexistent/tokenizer does not exist") == true)
    }

    @Test func aFileInsteadOfAFolderIsAClearError() {
        let error = #expect(throws: SDError.self) { try CLIPTokenizer(folder: Self.clipFolder + "/vocab.json") }
        #expect(error?.message.contains("is a file, expected a tokenizer folder") == true)
    }

    @Test func missingVocabularyNamesTheFile() throws {
        let folder = try Self.tinyFolder(merges: "#version: 0.2\na b\n")
        try FileManager.default.removeItem(atPath: folder.path + "/vocab.json")
        let error = #expect(throws: SDError.self) { try CLIPTokenizer(folder: folder.path) }
        #expect(error?.message.contains("vocab.json is missing") == true)
    }

    @Test func aFolderInPlaceOfVocabularyIsAClearError() throws {
        let folder = try Self.tinyFolder(merges: "#version: 0.2\n")
        try FileManager.default.removeItem(atPath: folder.path + "/vocab.json")
        try FileManager.default.createDirectory(atPath: folder.path + "/vocab.json", withIntermediateDirectories: false)
        let error = #expect(throws: SDError.self) { try CLIPTokenizer(folder: folder.path) }
        #expect(error?.message.contains("vocab.json is a folder, expected a file") == true)
    }

    @Test func malformedMergesLineNamesFileAndLine() throws {
        let folder = try Self.tinyFolder(merges: "#version: 0.2\na b\n\nab c d\n")
        let error = #expect(throws: SDError.self) { try CLIPTokenizer(folder: folder.path) }
        #expect(error?.message.contains("merges.txt line 4: expected two symbols separated by one space, found 'ab c d'") == true)
    }

    @Test func mergeOutsideTheVocabularyNamesTheLine() throws {
        let folder = try Self.tinyFolder(merges: "#version: 0.2\na b\nb q\n")
        let error = #expect(throws: SDError.self) { try CLIPTokenizer(folder: folder.path) }
        #expect(error?.message.contains("merges.txt line 3 'b q': 'q' is not in the vocabulary") == true)
    }

    @Test func vocabularyThatIsNotAnObjectIsAClearError() throws {
        let folder = try Self.tinyFolder(merges: "#version: 0.2\n", vocab: #"["a", "b"]"#)
        let error = #expect(throws: SDError.self) { try CLIPTokenizer(folder: folder.path) }
        #expect(error?.message.contains("vocab.json: expected a JSON object mapping tokens to ids, found an array") == true)
    }

    @Test func nonIntegerIDNamesTheToken() throws {
        let folder = try Self.tinyFolder(merges: "#version: 0.2\n", vocab: #"{"a": 1.5, "<|startoftext|>": 0, "<|endoftext|>": 2}"#)
        let error = #expect(throws: SDError.self) { try CLIPTokenizer(folder: folder.path) }
        #expect(error?.message.contains("the id of token 'a' is the number 1.5, expected a non-negative integer") == true)
    }

    @Test func vocabularyWithoutStartTokenIsAClearError() throws {
        let error = #expect(throws: SDError.self) {
            try CLIPTokenizer(vocab: ["a</w>": 0, "<|endoftext|>": 1], merges: [], padToken: "<|endoftext|>")
        }
        #expect(error?.message == "the vocabulary has no '<|startoftext|>' token (CLIP's start-of-text token)")
    }

    @Test func negativeIDIsRefused() throws {
        let error = #expect(throws: SDError.self) {
            try CLIPTokenizer(vocab: ["a</w>": -1, "<|startoftext|>": 0, "<|endoftext|>": 1], merges: [], padToken: "<|endoftext|>")
        }
        #expect(error?.message == "the vocabulary: the id -1 of token 'a</w>' is out of range (0…2147483647)")
    }

    @Test func invalidJSONNamesTheFile() throws {
        let folder = try Self.tinyFolder(merges: "#version: 0.2\n", vocab: #"{"a": 1,"#)
        let error = #expect(throws: SDError.self) { try CLIPTokenizer(folder: folder.path) }
        #expect(error?.message.contains("vocab.json is not valid JSON") == true)
    }

    @Test func padTokenMayBeAnAddedTokenObjectInTheConfig() throws {
        let folder = try Self.tinyFolder(merges: "#version: 0.2\na b\n")
        try Data(#"{"pad_token": {"content": "!", "special": true}}"#.utf8)
            .write(to: URL(fileURLWithPath: folder.path + "/tokenizer_config.json"))
        let tokenizer = try CLIPTokenizer(folder: folder.path)
        #expect(tokenizer.padID == 0)
        // Reference ids from transformers with the same files. The rule "a b" joins inner symbols only, so the
        // word "ab" (a, b</w>) stays two symbols; "c</w>" is not in the vocabulary and becomes the unknown (EOS).
        #expect(tokenizer.tokenize("ab b!", length: 6) == [10, 1, 6, 6, 0, 11])
        #expect(tokenizer.tokenize("abc a", length: 8) == [10, 3, 11, 5, 11, 0, 0, 0])
    }

    // MARK: Helpers

    /// A folder with a small vocabulary (a, b, ab, their "</w>" forms, BOS 10, EOS 11) and the given merges.
    static func tinyFolder(merges: String, vocab: String? = nil, name: String = #function) throws -> TestFolder {
        let folder = TestFolder(name)
        let defaultVocab = #"{"!": 0, "a": 1, "b": 2, "ab": 3, "ab</w>": 4, "a</w>": 5, "b</w>": 6, "<|startoftext|>": 10, "<|endoftext|>": 11}"#
        try Data((vocab ?? defaultVocab).utf8).write(to: URL(fileURLWithPath: folder.path + "/vocab.json"))
        try Data(merges.utf8).write(to: URL(fileURLWithPath: folder.path + "/merges.txt"))
        return folder
    }

    /// An I32 tensor of a safetensors file: an 8-byte little-endian header length, a JSON header giving each
    /// tensor's dtype, shape and byte range after the header, then the data.
    static func int32Tensor(_ name: String, in path: String) throws -> (shape: [Int], values: [Int]) {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let headerLength = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        let header = try JSONSerialization.jsonObject(with: Data(bytes[8..<8 + headerLength])) as! [String: Any]
        let entry = try #require(header[name] as? [String: Any])
        #expect(entry["dtype"] as? String == "I32")
        let shape = try #require(entry["shape"] as? [Int])
        let range = try #require(entry["data_offsets"] as? [Int])
        let data = bytes[8 + headerLength + range[0]..<8 + headerLength + range[1]]
        let values = stride(from: data.startIndex, to: data.endIndex, by: 4).map { i in
            Int(Int32(bitPattern: UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16 | UInt32(data[i + 3]) << 24))
        }
        return (shape, values)
    }
}
