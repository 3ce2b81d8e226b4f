import Foundation

/// The CLIP BPE vocabulary that ships with Storyreel, for single-file checkpoints that carry no tokenizer files.
///
/// Only the merge rules are stored: CLIP's vocabulary is derived from them (every byte symbol, every byte symbol
/// with "</w>", each merge's result in order, then the two special tokens), exactly as CLIP builds it.
public enum BundledTokenizer {
    /// The merges resource's name inside the SD module's bundle.
    static let resource = "clip-merges"

    /// The bundled tokenizer with SD 1.x's pad token (`<|endoftext|>`) or SD 2.x's ("!").
    public static func make(padToken: String) throws -> CLIPTokenizer {
        let (vocab, merges) = try vocabulary()
        return try CLIPTokenizer(vocab: vocab, merges: merges, padToken: padToken)
    }

    /// The pad token each family's tokenizer config names.
    public static func padToken(for family: ModelFamily) -> String {
        family == .sd2 ? "!" : CLIPTokenizer.eosToken
    }

    /// The vocabulary and merge rules, read and derived once per process.
    static func vocabulary() throws -> (vocab: [String: Int], merges: [(String, String)]) {
        try cached.get()
    }

    private static let cached: Result<(vocab: [String: Int], merges: [(String, String)]), SDError> = {
        guard let url = Bundle.module.url(forResource: resource, withExtension: "txt"),
              let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            return .failure(SDError("the bundled CLIP vocabulary (\(resource).txt) is missing from the SD resources next to the storyreel binary; rebuild or reinstall Storyreel"))
        }
        var merges: [(String, String)] = []
        merges.reserveCapacity(48_894)
        for line in text.split(separator: "\n") where !line.hasPrefix("#version") {
            let parts = line.split(separator: " ")
            guard parts.count == 2 else { continue }
            merges.append((String(parts[0]), String(parts[1])))
        }
        // CLIP's byte order: the printable bytes in value order, then the rest (spelled from U+0100 on).
        let order = (0..<256).filter { ByteSymbols.isPrintable(UInt8($0)) } + (0..<256).filter { !ByteSymbols.isPrintable(UInt8($0)) }
        var tokens = order.map { String(ByteSymbols.characters[$0]) }
        tokens += tokens.map { $0 + "</w>" }
        tokens += merges.map { $0.0 + $0.1 }
        tokens += [CLIPTokenizer.bosToken, CLIPTokenizer.eosToken]
        var vocab: [String: Int] = [:]
        vocab.reserveCapacity(tokens.count)
        for (id, token) in tokens.enumerated() { vocab[token] = id }
        return .success((vocab, merges))
    }()
}
