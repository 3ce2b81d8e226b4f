/// CLIP's byte-level BPE tokenizer, giving the same ids as transformers' `CLIPTokenizer`.
///
/// Text goes through four steps: special tokens are cut out of the raw text, the rest is normalised (NFC, lower
/// case), split into words by CLIP's pattern, and each word's UTF-8 bytes, spelled with GPT-2's byte table and
/// "</w>" on the last symbol, are joined by the merge rules into vocabulary ids.
public struct CLIPTokenizer: Sendable {
    /// CLIP's start-of-text token, which every vocabulary must have.
    public static let bosToken = "<|startoftext|>"
    /// CLIP's end-of-text token, also its unknown token.
    public static let eosToken = "<|endoftext|>"

    /// The id every sequence starts with.
    public let bosID: Int
    /// The id every sequence ends with; also the id of symbols outside the vocabulary.
    public let eosID: Int
    /// The id `tokenize` fills sequences up with: EOS for SD 1.x, "!" for SD 2.x.
    public let padID: Int

    private let specialTokens: SpecialTokenSplitter
    private let mergeTable: MergeTable
    /// The vocabulary id of each byte as a word's inner symbol, and as its last (with "</w>"); -1 when absent.
    private let byteIDs: [Int32]
    private let finalByteIDs: [Int32]
    private let cache = WordCache()

    /// Loads `vocab.json` and `merges.txt` from a diffusers `tokenizer/` folder, and the pad token from
    /// `special_tokens_map.json` or `tokenizer_config.json` when present (SD 1.x pads with "<|endoftext|>",
    /// SD 2.x with "!"); default pad is <|endoftext|>.
    public init(folder: String) throws {
        let files = try TokenizerFolder(folder)
        let vocab = try files.vocabulary()
        let merges = try files.merges()
        let pad = try files.padToken() ?? Self.eosToken
        try self.init(vocab: vocab, merges: merges.pairs, padToken: pad,
                      vocabName: files.vocabPath, mergeLabel: { "\(files.mergesPath) line \(merges.lines[$0])" })
    }

    /// A tokenizer from an already loaded vocabulary (token → id) and merge rules (highest priority first).
    public init(vocab: [String: Int], merges: [(String, String)], padToken: String) throws {
        try self.init(vocab: vocab, merges: merges, padToken: padToken,
                      vocabName: "the vocabulary", mergeLabel: { "merge \($0 + 1)" })
    }

    /// The shared initialiser; `vocabName` and `mergeLabel` say where the data came from in error messages.
    private init(vocab: [String: Int], merges: [(String, String)], padToken: String,
                 vocabName: String, mergeLabel: (Int) -> String) throws(SDError) {
        func id(of token: String, _ role: String) throws(SDError) -> Int {
            guard let id = vocab[token] else { throw SDError("\(vocabName) has no '\(token)' token (\(role))") }
            return id
        }
        // Ids are stored as Int32 with -1 for "not in the vocabulary", and index embedding rows anyway.
        if let (token, id) = vocab.first(where: { $0.value < 0 || $0.value > Int(Int32.max) }) {
            throw SDError("\(vocabName): the id \(id) of token '\(token)' is out of range (0…\(Int32.max))")
        }
        bosID = try id(of: Self.bosToken, "CLIP's start-of-text token")
        eosID = try id(of: Self.eosToken, "CLIP's end-of-text token")
        padID = try id(of: padToken, "the pad token")
        // SD 1.x pads with EOS itself, so the pad is added by assignment, not in a literal that would trap on it.
        var specials = [Self.bosToken: bosID, Self.eosToken: eosID]
        specials[padToken] = padID
        specialTokens = SpecialTokenSplitter(specials)
        mergeTable = try MergeTable(merges: merges, vocab: vocab, label: { mergeLabel($0) })
        byteIDs = ByteSymbols.characters.map { vocab[String($0)].map(Int32.init) ?? -1 }
        finalByteIDs = ByteSymbols.characters.map { vocab[String($0) + "</w>"].map(Int32.init) ?? -1 }
    }

    /// Token ids without BOS/EOS/padding.
    public func encode(_ text: String) -> [Int] {
        encode(text, limit: .max)
    }

    /// [BOS] + ids truncated to length-2 + [EOS], then padded with padID to `length` (77), exactly like
    /// transformers' CLIPTokenizer(padding="max_length", max_length=77, truncation=True).
    public func tokenize(_ text: String, length: Int = 77) -> [Int] {
        precondition(length >= 2, "a CLIP sequence needs room for BOS and EOS")
        var ids = [bosID]
        ids += encode(text, limit: length - 2)
        ids.append(eosID)
        ids += repeatElement(padID, count: length - ids.count)
        return ids
    }

    /// The first `limit` ids of `text`; stops early so that a pasted novel costs no more than 77 tokens.
    private func encode(_ text: String, limit: Int) -> [Int] {
        let scalars = Array(text.unicodeScalars)
        var ids: [Int] = []
        for segment in specialTokens.segments(scalars) {
            guard ids.count < limit else { break }
            switch segment {
            case .special(let id):
                ids.append(id)
            case .text(let range):
                let normalized = TextNormalizer.normalize(scalars[range])
                for word in PreTokenizer.words(normalized) {
                    guard ids.count < limit else { break }
                    let spelling = String(String.UnicodeScalarView(normalized[word]))
                    ids += cache.ids(for: spelling) { encodeWord(spelling) }
                }
            }
        }
        return Array(ids.prefix(limit))
    }

    /// The ids of one word: its bytes as symbols, merged by the rules.
    private func encodeWord(_ word: String) -> [Int] {
        let bytes = Array(word.utf8)
        var symbols = bytes.indices.map { i in i == bytes.count - 1 ? finalByteIDs[Int(bytes[i])] : byteIDs[Int(bytes[i])] }
        mergeTable.merge(&symbols)
        // A byte the vocabulary lacks is the unknown token, which CLIP spells like EOS.
        return symbols.map { $0 < 0 ? eosID : Int($0) }
    }
}
