import Foundation

/// The reference tokenizer's normaliser: Unicode NFC, then lower case, one scalar at a time.
///
/// transformers' (5.x) CLIP tokenizer does exactly this and nothing more: no ftfy repair and no HTML unescaping
/// ("&amp;" stays three pieces). It also collapses whitespace runs to one space, which needs no work here because
/// the pre-tokenizer drops whitespace anyway.
enum TextNormalizer {
    /// `scalars` in NFC, each replaced by its full lower-case mapping ("İ" becomes "i" + U+0307).
    static func normalize(_ scalars: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(scalars.count)
        if scalars.allSatisfy(\.isASCII) {
            // ASCII is already NFC, and its lower case is one scalar: skip Foundation on the common path.
            for s in scalars {
                out.append((0x41...0x5A).contains(s.value) ? Unicode.Scalar(s.value + 0x20)! : s)
            }
            return out
        }
        let composed = String(String.UnicodeScalarView(scalars)).precomposedStringWithCanonicalMapping
        // Scalar by scalar, as the reference maps each character on its own: a final capital sigma becomes σ,
        // not the ς a context-aware lower-casing would give.
        for s in composed.unicodeScalars {
            out.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
        }
        return out
    }
}
