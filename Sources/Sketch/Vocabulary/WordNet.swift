import Foundation

/// A reader of Princeton WordNet 3.0's noun database files (`index.noun`, `data.noun`, `noun.exc`), as documented in
/// wndb(5WN) and morphy(7WN).
///
/// Nothing is parsed up front: the index is searched in place (its lines are sorted, so a binary search over the
/// file's bytes finds a lemma) and a synset is parsed from `data.noun` at its byte offset when asked for. Both files
/// are memory-mapped, so opening costs a few system calls and only the pages a lookup touches are read.
public final class WordNet: Sendable {
    /// Where Debian's `wordnet-base` puts the database.
    public static let defaultDirectory = "/usr/share/wordnet"

    private let index: Data
    private let data: Data
    /// `index.adj`, to tell an adjective before a noun ("coastal") from an unknown noun; empty when absent.
    private let adjectiveIndex: Data
    /// Irregular plural → base forms, from `noun.exc` (small: read whole).
    let exceptions: [String: [String]]

    /// Opens the database in `directory`; nil when `index.noun` or `data.noun` is missing or unreadable.
    public init?(directory: String = WordNet.defaultDirectory) {
        let url = URL(fileURLWithPath: directory)
        guard let index = try? Data(contentsOf: url.appendingPathComponent("index.noun"), options: .alwaysMapped),
              let data = try? Data(contentsOf: url.appendingPathComponent("data.noun"), options: .alwaysMapped),
              !index.isEmpty, !data.isEmpty else { return nil }
        self.index = index
        self.data = data
        adjectiveIndex = (try? Data(contentsOf: url.appendingPathComponent("index.adj"), options: .alwaysMapped)) ?? Data()
        let text = (try? String(contentsOf: url.appendingPathComponent("noun.exc"), encoding: .utf8)) ?? ""
        exceptions = WordNet.parseExceptions(text)
    }

    /// `noun.exc` lines: "inflected base [base …]", one inflection per line.
    static func parseExceptions(_ text: String) -> [String: [String]] {
        var table: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count >= 2 else { continue }
            table[fields[0], default: []] += fields.dropFirst()
        }
        return table
    }

    /// The synset offsets of `lemma`'s senses in `data.noun`, most frequent sense first; empty when it is no noun.
    /// Lemmas are lower case with spaces written as underscores ("ice_cream").
    public func senses(of lemma: String) -> [Int] {
        let key = Array(lemma.lowercased().replacingOccurrences(of: " ", with: "_").utf8)
        guard !key.isEmpty, let line = WordNet.findIndexLine(key, in: index) else { return [] }
        return WordNet.parseIndexLine(line)?.offsets ?? []
    }

    /// Whether `word` is an adjective in `index.adj` (whose lines have the same layout as the noun index's).
    public func isAdjective(_ word: String) -> Bool {
        let key = Array(word.lowercased().replacingOccurrences(of: " ", with: "_").utf8)
        return !key.isEmpty && WordNet.findIndexLine(key, in: adjectiveIndex) != nil
    }

    /// Whether `lemma` is a noun in the index.
    public func isNoun(_ lemma: String) -> Bool { !senses(of: lemma).isEmpty }

    /// An index line's fields: "lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…".
    static func parseIndexLine(_ line: [UInt8]) -> (lemma: String, offsets: [Int])? {
        let fields = line.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        guard fields.count >= 6, let synsets = Int(fields[2]), let pointers = Int(fields[3]) else { return nil }
        let first = 4 + pointers + 2
        guard fields.count >= first + synsets else { return nil }
        return (fields[0], fields[first..<(first + synsets)].compactMap { Int($0) })
    }

    /// The synset at `offset` in `data.noun`, or nil when no well-formed synset line starts there.
    public func synset(at offset: Int) -> Synset? {
        guard offset >= 0, offset < data.count else { return nil }
        let line: [UInt8] = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var end = offset
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            return Array(bytes[offset..<end])
        }
        return Synset(dataLine: line, offset: offset)
    }

    /// Binary search of the sorted index for the line whose first field is `key` (byte order, as WordNet's own
    /// search compares). License lines start with two spaces and sort before every lemma.
    private static func findIndexLine(_ key: [UInt8], in index: Data) -> [UInt8]? {
        index.withUnsafeBytes { raw -> [UInt8]? in
            let bytes = raw.bindMemory(to: UInt8.self)
            let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")
            var low = 0, high = bytes.count
            while low < high {
                let middle = (low + high) / 2
                var start = middle
                while start > 0 && bytes[start - 1] != newline { start -= 1 }
                var end = start
                while end < bytes.count && bytes[end] != newline { end += 1 }
                // Compare the line's lemma (up to its first space) with the key.
                var i = 0
                var order = 0
                while order == 0 {
                    let a: Int = start + i < end && bytes[start + i] != space ? Int(bytes[start + i]) : -1
                    let b: Int = i < key.count ? Int(key[i]) : -1
                    if a == -1 && b == -1 { break }
                    order = a < b ? -1 : a > b ? 1 : 0
                    i += 1
                }
                if order == 0 { return Array(bytes[start..<end]) }
                if order < 0 { low = end + 1 } else { high = start }
            }
            return nil
        }
    }
}
