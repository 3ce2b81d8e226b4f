/// Cuts raw text at the tokenizer's special tokens, which the reference matches before any normalisation.
///
/// Each special token (BOS, EOS and the pad token) stands for its own id wherever its exact spelling occurs,
/// leftmost first and longest first; case matters ("<|ENDOFTEXT|>" is ordinary text). So with SD 2.x's "!"
/// pad every "!" in a prompt is the pad id, as in transformers.
struct SpecialTokenSplitter: Sendable {
    /// A stretch of the text: ordinary text to normalise and split, or one special token.
    enum Segment: Equatable {
        case text(Range<Int>)
        case special(Int)
    }

    /// The tokens' spellings and ids, longest first so that a longer token wins over its prefix.
    private let tokens: [(scalars: [Unicode.Scalar], id: Int)]

    init(_ tokens: [String: Int]) {
        self.tokens = tokens.filter { !$0.key.isEmpty }
            .map { (Array($0.key.unicodeScalars), $0.value) }
            .sorted { $0.scalars.count != $1.scalars.count ? $0.scalars.count > $1.scalars.count : $0.id < $1.id }
    }

    /// `text` cut into ordinary stretches and special tokens, in order.
    func segments(_ text: [Unicode.Scalar]) -> [Segment] {
        var segments: [Segment] = []
        var start = 0, i = 0
        while i < text.count {
            if let token = tokens.first(where: { PreTokenizer.matches($0.scalars, in: text, at: i) }) {
                if start < i { segments.append(.text(start..<i)) }
                segments.append(.special(token.id))
                i += token.scalars.count
                start = i
            } else {
                i += 1
            }
        }
        if start < text.count { segments.append(.text(start..<text.count)) }
        return segments
    }
}
