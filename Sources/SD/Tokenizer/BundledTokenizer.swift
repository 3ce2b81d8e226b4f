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

    /// The resource bundle SwiftPM writes beside the binary.
    static let bundleName = "Storyreel_SD.resources"

    /// Where the merges file is: in the resource bundle beside the running binary, else (running from the build
    /// tree, as tests do) in the sources. Looked up by hand because SwiftPM's `Bundle.module` traps when the
    /// bundle is missing, and a missing file here must be one clear error.
    static func resourcePath() -> String? {
        var candidates = [Bundle.main.bundleURL.appendingPathComponent(bundleName).path]
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent(bundleName).path)
        }
        candidates = candidates.map { $0 + "/\(resource).txt" }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/\(resource).txt").path)
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    private static let cached: Result<(vocab: [String: Int], merges: [(String, String)]), SDError> = {
        guard let path = resourcePath(), let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else {
            return .failure(SDError("the bundled CLIP vocabulary (\(bundleName)/\(resource).txt) is missing next to the storyreel binary; rebuild or reinstall Storyreel (keep \(bundleName) beside the binary)"))
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
