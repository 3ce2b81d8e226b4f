import Foundation

/// A tiny WordNet database written in the documented file format (wndb(5WN)): a license header, sorted index lines
/// and data lines whose first field is their own byte offset, plus an exception list.
struct WordNetFixture {
    /// A synset to write: its words and the names of the synsets it points to with `@` (hypernym) or `@i`.
    struct Entry {
        var name: String
        var words: [String]
        var hypernyms: [String] = []
        var instanceOf: [String] = []
    }

    let directory: URL
    /// Byte offset of each entry's data line, by entry name.
    private(set) var offsets: [String: Int] = [:]

    init(entries: [Entry], exceptions: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wordnet-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let header = "  1 This software and database is being provided to you, the LICENSEE, by  \n"
            + "  2 Princeton University under the following license.  \n"
        // Offsets are eight digits wide, so each line's length is known before the offsets are filled in.
        var offset = header.utf8.count
        for e in entries {
            offsets[e.name] = offset
            offset += WordNetFixture.dataLine(e, offsets: [:], own: 0).utf8.count
        }
        var data = header
        for e in entries { data += WordNetFixture.dataLine(e, offsets: offsets, own: offsets[e.name]!) }
        try data.write(to: directory.appendingPathComponent("data.noun"), atomically: true, encoding: .utf8)

        var senses: [String: [Int]] = [:]
        for e in entries { for w in e.words { senses[w.lowercased(), default: []].append(offsets[e.name]!) } }
        var index = header
        for lemma in senses.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let o = senses[lemma]!
            // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
            index += "\(lemma) n \(o.count) 2 @ ~ \(o.count) 0 " + o.map { String(format: "%08d", $0) }.joined(separator: " ") + "  \n"
        }
        try index.write(to: directory.appendingPathComponent("index.noun"), atomically: true, encoding: .utf8)
        try exceptions.write(to: directory.appendingPathComponent("noun.exc"), atomically: true, encoding: .utf8)
        // Two adjectives, in the adjective index's layout (the same as the noun index's).
        try (header + "coastal a 1 1 & 1 0 00012345  \nwooden a 1 1 & 1 0 00012399  \n")
            .write(to: directory.appendingPathComponent("index.adj"), atomically: true, encoding: .utf8)
    }

    /// "offset lex_filenum n w_cnt(hex) word lex_id … p_cnt(3 digits) ptr… | gloss". A hyponym pointer (`~`) back to
    /// the entry itself is added so the reader has to skip pointers that are not hypernyms.
    private static func dataLine(_ e: Entry, offsets: [String: Int], own: Int) -> String {
        var fields = [String(format: "%08d", own), "03", "n", String(format: "%02x", e.words.count)]
        for w in e.words { fields += [w, "0"] }
        var pointers: [String] = []
        for h in e.hypernyms { pointers.append("@ \(String(format: "%08d", offsets[h] ?? 0)) n 0000") }
        for h in e.instanceOf { pointers.append("@i \(String(format: "%08d", offsets[h] ?? 0)) n 0000") }
        pointers.append("~ \(String(format: "%08d", own)) n 0000")
        fields.append(String(format: "%03d", pointers.count))
        return fields.joined(separator: " ") + " " + pointers.joined(separator: " ") + " | a gloss; with \"quotes\"  \n"
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
