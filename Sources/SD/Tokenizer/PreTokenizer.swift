/// Splits normalised text into the words BPE runs on, as CLIP's pattern
/// `<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+` does.
///
/// The alternatives are tried in that order at each position, first match wins, and whitespace between matches
/// is dropped. Matching is case-sensitive as in the reference; the text is already lower case, so "'S" still
/// counts as a contraction. The reference then splits every match again with GPT-2's byte-level pattern,
/// which changes only the two special-token spellings: "<|endoftext|>" becomes "<|", "endoftext", "|>".
enum PreTokenizer {
    /// The words of `text`, as index ranges into it.
    static func words(_ text: [Unicode.Scalar]) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var i = 0
        while i < text.count {
            let s = text[i]
            if s.properties.isWhitespace {
                i += 1
            } else if let literal = specialSpellings.first(where: { matches($0, in: text, at: i) }) {
                // "<|" + name + "|>", the byte-level split of the literal.
                let nameEnd = i + literal.count - 2
                words += [i..<i + 2, i + 2..<nameEnd, nameEnd..<nameEnd + 2]
                i = nameEnd + 2
            } else if s == "'", let suffix = contractions.first(where: { matches($0, in: text, at: i + 1) }) {
                words.append(i..<i + 1 + suffix.count)
                i += 1 + suffix.count
            } else if isLetter(s) {
                let start = i
                while i < text.count, isLetter(text[i]) { i += 1 }
                words.append(start..<i)
            } else if isNumber(s) {
                // One digit per word: CLIP's vocabulary spells numbers digit by digit.
                words.append(i..<i + 1)
                i += 1
            } else {
                let start = i
                while i < text.count, !text[i].properties.isWhitespace, !isLetter(text[i]), !isNumber(text[i]) { i += 1 }
                words.append(start..<i)
            }
        }
        return words
    }

    /// The special tokens as the pattern spells them.
    static let specialSpellings: [[Unicode.Scalar]] = ["<|startoftext|>", "<|endoftext|>"].map { Array($0.unicodeScalars) }

    /// What may follow an apostrophe, in the pattern's order.
    static let contractions: [[Unicode.Scalar]] = ["s", "t", "re", "ve", "m", "ll", "d"].map { Array($0.unicodeScalars) }

    /// Whether `text` holds `pattern` starting at `index`.
    static func matches(_ pattern: [Unicode.Scalar], in text: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + pattern.count <= text.count else { return false }
        for k in pattern.indices where text[index + k] != pattern[k] { return false }
        return true
    }

    /// `\p{L}`: any letter category (Lu, Ll, Lt, Lm, Lo).
    ///
    /// Categories come from Swift's Unicode tables (17.0 with Swift 6.3); the reference's are 16.0, so the few
    /// thousand characters new in 17.0 (CJK extension J, Tangut additions…) are letters here and symbols there.
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return (0x61...0x7A).contains(s.value) || (0x41...0x5A).contains(s.value) }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// `\p{N}`: any number category (Nd, Nl, No), so "½" and "²" are numbers too.
    static func isNumber(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return (0x30...0x39).contains(s.value) }
        switch s.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }
}
