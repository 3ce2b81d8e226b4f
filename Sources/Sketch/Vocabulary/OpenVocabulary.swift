import Foundation

/// Nouns beyond the closed lexicon, read through WordNet: a word is reduced to its lemma by WordNet's morphology,
/// and its senses' hypernym chains are walked to the nearest synset a painter or a backdrop draws.
///
/// The database is opened once, lazily, on the first word the lexicon does not know; readings are cached. Without
/// WordNet (the package is not installed, or the folder is empty) every reading is nil and the lexicon works alone.
public final class OpenVocabulary: @unchecked Sendable {
    /// The process-wide vocabulary, reading `$STORYREEL_WORDNET` or Debian's `/usr/share/wordnet`.
    public static let shared = OpenVocabulary(
        directory: ProcessInfo.processInfo.environment["STORYREEL_WORDNET"] ?? WordNet.defaultDirectory)

    /// Senses tried per lemma, most frequent first; rarer ones are seldom what a prompt means.
    static let sensesTried = 4
    /// Hypernym levels walked from a sense; WordNet's noun hierarchy is at most about 18 deep.
    static let maximumDepth = 18

    public let directory: String
    private let lock = NSLock()
    private var opened = false
    private var database: WordNet?
    private var cache: [String: NounReading?] = [:]

    public init(directory: String) {
        self.directory = directory
    }

    /// The database, opened on first use; nil when it is absent.
    public var wordnet: WordNet? {
        lock.lock()
        defer { lock.unlock() }
        return openLocked()
    }

    /// Whether WordNet could be read.
    public var isAvailable: Bool { wordnet != nil }

    private func openLocked() -> WordNet? {
        if !opened {
            opened = true
            database = WordNet(directory: directory)
        }
        return database
    }

    /// What `word` (lower case, as the prompt has it) draws as, or nil when WordNet is absent, the word is no noun,
    /// or no sense of it reaches anything a painter draws.
    public func reading(of word: String) -> NounReading? {
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[word] { return cached }
        let result = openLocked().flatMap { OpenVocabulary.resolve(word, in: $0) }
        cache[word] = result
        return result
    }

    /// Tries the word's base forms (a plural first becomes its singular: "glasses" is read as "glass"), then the
    /// word itself, and each lemma's senses in frequency order.
    static func resolve(_ word: String, in wordnet: WordNet) -> NounReading? {
        var candidates = NounMorphology.bases(of: word, in: wordnet).map { ($0, true) }
        if wordnet.isNoun(word) { candidates.append((word, false)) }
        for (lemma, plural) in candidates {
            // The nearest anchor over the lemma's commoner senses ("onion" the vegetable is one step from
            // "vegetable", the plant five from "plant"), but among senses drawn in the same family the more frequent
            // one: a nurse is first a health professional (a person), only then a nanny (a woman).
            let found = wordnet.senses(of: lemma).prefix(sensesTried).compactMap { nearestAnchor(from: $0, in: wordnet) }
            var best = found.min { $0.depth < $1.depth }
            if let nearest = best, let earlier = found.first(where: { family($0.target) == family(nearest.target) }) { best = earlier }
            if let best { return NounReading(lemma: lemma, target: best.target, plural: plural) }
        }
        return nil
    }

    /// Which family a target belongs to, for preferring a lemma's more frequent sense within one family.
    static func family(_ target: NounReading.Target) -> String {
        switch target {
        case .subject(let kind): return kind.category.rawValue
        case .setting: return "setting"
        }
    }

    /// Breadth-first up the hypernym pointers from `offset`: the first synset, level by level, that names a painter
    /// class or a backdrop, and how many levels up it is.
    static func nearestAnchor(from offset: Int, in wordnet: WordNet) -> (target: NounReading.Target, depth: Int)? {
        var level = [offset]
        var seen: Set<Int> = [offset]
        for depth in 0...maximumDepth {
            var next: [Int] = []
            for o in level {
                guard let synset = wordnet.synset(at: o) else { continue }
                if let target = PainterAnchors.target(of: synset) { return (target, depth) }
                for h in synset.hypernyms where seen.insert(h).inserted { next.append(h) }
            }
            if next.isEmpty { return nil }
            level = next
        }
        return nil
    }
}
