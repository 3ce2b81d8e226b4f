/// One noun synset from `data.noun`: its words and the synsets it points up to.
public struct Synset: Sendable, Equatable {
    /// Byte offset of its line in `data.noun`, which is also its id.
    public let offset: Int
    /// Its words, lower case, underscores turned to spaces ("drinking glass").
    public let words: [String]
    /// Offsets of its hypernyms (`@`) and instance hypernyms (`@i`) among nouns.
    public let hypernyms: [Int]

    /// Parses a data line: "synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id…] p_cnt
    /// [ptr_symbol synset_offset pos source/target…] | gloss". `w_cnt` is two hex digits, `p_cnt` three decimal ones.
    init?(dataLine: [UInt8], offset: Int) {
        let text = String(decoding: dataLine, as: UTF8.self)
        let body = text.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let fields = body.split(separator: " ")
        guard fields.count >= 4, Int(fields[0]) == offset, let wordCount = Int(fields[3], radix: 16) else { return nil }
        var i = 4
        var words: [String] = []
        for _ in 0..<wordCount {
            guard i + 1 < fields.count else { return nil }
            var word = fields[i].lowercased().replacingOccurrences(of: "_", with: " ")
            // Adjective markers such as "(a)" belong to adjectives only, but strip one if present.
            if let paren = word.firstIndex(of: "(") { word = String(word[..<paren]) }
            words.append(word)
            i += 2
        }
        guard i < fields.count, let pointerCount = Int(fields[i]) else { return nil }
        i += 1
        var hypernyms: [Int] = []
        for _ in 0..<pointerCount {
            guard i + 3 < fields.count else { return nil }
            if fields[i] == "@" || fields[i] == "@i", fields[i + 2] == "n", let target = Int(fields[i + 1]) {
                hypernyms.append(target)
            }
            i += 4
        }
        self.offset = offset
        self.words = words
        self.hypernyms = hypernyms
    }
}
