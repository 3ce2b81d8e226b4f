/// WordNet's morphology for nouns (morphy(7WN)): irregular forms from the exception list, then the detachment rules
/// that strip a regular plural ending.
enum NounMorphology {
    /// The noun detachment rules, suffix → replacement, in morphy's order.
    static let detachments: [(String, String)] = [
        ("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y"),
    ]

    /// Base forms of `word` that are nouns in `wordnet`, exceptions first, each once. A word ending in "ss" has no
    /// regular plural ending to detach (morphy leaves "glass" alone).
    static func bases(of word: String, in wordnet: WordNet) -> [String] {
        var out: [String] = []
        func add(_ base: String) { if !out.contains(base) && wordnet.isNoun(base) { out.append(base) } }
        for base in wordnet.exceptions[word] ?? [] { add(base) }
        guard !word.hasSuffix("ss"), word.count > 2 else { return out }
        for (suffix, replacement) in detachments where word.hasSuffix(suffix) {
            add(String(word.dropLast(suffix.count)) + replacement)
        }
        return out
    }
}
