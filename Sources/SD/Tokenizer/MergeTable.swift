/// The BPE merge rules, keyed by the ids of the two symbols they join.
///
/// Rules work on vocabulary ids rather than strings, so merging a word hashes integers, never builds strings.
struct MergeTable: Sendable {
    /// What joining a pair gives: the rule's rank (its position in merges.txt, lower merges first) and the id of
    /// the joined symbol.
    struct Rule: Sendable {
        let rank: Int32
        let result: Int32
    }

    private var rules: [UInt64: Rule] = [:]

    /// Builds the table; `label(k)` names the k-th merge (counting from 0) in error messages.
    init(merges: [(String, String)], vocab: [String: Int], label: (Int) -> String) throws(SDError) {
        rules.reserveCapacity(merges.count)
        for (k, (left, right)) in merges.enumerated() {
            // transformers refuses such files too; a rule the vocabulary cannot spell could never apply.
            for symbol in [left, right, left + right] where vocab[symbol] == nil {
                throw SDError("\(label(k)) '\(left) \(right)': '\(symbol)' is not in the vocabulary")
            }
            // A repeated rule keeps its later rank, as transformers' table does.
            rules[Self.key(Int32(vocab[left]!), Int32(vocab[right]!))] = Rule(rank: Int32(k), result: Int32(vocab[left + right]!))
        }
    }

    /// The rule joining `left` and `right`, if any.
    func rule(_ left: Int32, _ right: Int32) -> Rule? {
        rules[Self.key(left, right)]
    }

    /// Applies the rules to `symbols` until none applies: each step joins the lowest-ranked adjacent pair,
    /// the leftmost one when it occurs more than once (the order transformers' merge queue pops them in).
    /// Negative ids (symbols outside the vocabulary) match no rule and stay as they are.
    func merge(_ symbols: inout [Int32]) {
        guard symbols.count > 1 else { return }
        // The rule of each adjacent pair, kept up to date so that a step only looks at the pairs it changed.
        var pairs: [Rule?] = (0..<symbols.count - 1).map { rule(symbols[$0], symbols[$0 + 1]) }
        while true {
            var best = -1, bestRank = Int32.max
            for j in pairs.indices {
                if let r = pairs[j], r.rank < bestRank { best = j; bestRank = r.rank }
            }
            guard best >= 0, let joined = pairs[best] else { return }
            symbols[best] = joined.result
            symbols.remove(at: best + 1)
            pairs.remove(at: best)
            if best > 0 { pairs[best - 1] = rule(symbols[best - 1], symbols[best]) }
            if best < pairs.count { pairs[best] = rule(symbols[best], symbols[best + 1]) }
        }
    }

    private static func key(_ left: Int32, _ right: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }
}
