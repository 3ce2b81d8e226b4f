/// One PNG text chunk: a Latin-1 keyword and its text, stored as tEXt, iTXt or zTXt.
public struct PNGTextChunk: Sendable, Equatable {
    /// Which chunk type carries the text; this decides its character set and compression.
    public enum Kind: Sendable {
        /// tEXt: Latin-1 text, uncompressed.
        case text
        /// iTXt: UTF-8 text, written uncompressed.
        case internationalText
        /// zTXt: Latin-1 text, deflate-compressed.
        case compressedText
    }

    /// 1–79 Latin-1 characters, no leading, trailing or consecutive spaces (PNG spec 11.3.4.2).
    public var keyword: String
    /// The text; must be Latin-1 for `.text` and `.compressedText`, and may not contain NUL.
    public var text: String
    /// The chunk type to store the text in.
    public var kind: Kind

    /// Creates a text chunk; the default kind is iTXt because it holds any Unicode text.
    public init(keyword: String, text: String, kind: Kind = .internationalText) {
        self.keyword = keyword
        self.text = text
        self.kind = kind
    }
}
