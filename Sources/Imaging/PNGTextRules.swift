/// The PNG spec's rules for text chunk keywords and text, and their byte encodings.
enum PNGTextRules {
    /// The keyword as Latin-1 bytes, after checking PNG spec 11.3.4.2: 1–79 printable Latin-1 characters
    /// (32–126, 161–255), no leading, trailing or consecutive spaces.
    static func keywordBytes(_ keyword: String) throws(PNGError) -> [UInt8] {
        let shown = "text chunk keyword \"\(keyword)\""
        var bytes: [UInt8] = []
        for scalar in keyword.unicodeScalars {
            let value = scalar.value
            guard (32...126).contains(value) || (161...255).contains(value) else {
                throw PNGError("\(shown) contains U+\(String(value, radix: 16, uppercase: true)); "
                    + "expected printable Latin-1 characters only (32–126, 161–255)")
            }
            bytes.append(UInt8(value))
        }
        guard (1...79).contains(bytes.count) else {
            throw PNGError("\(shown) is \(bytes.count) characters long; expected 1 to 79")
        }
        guard bytes.first != 32, bytes.last != 32 else {
            throw PNGError("\(shown) starts or ends with a space; expected none there")
        }
        for index in 1..<bytes.count where bytes[index] == 32 && bytes[index - 1] == 32 {
            throw PNGError("\(shown) has two consecutive spaces at offset \(index - 1); expected single spaces")
        }
        return bytes
    }

    /// The text's bytes for its chunk kind: Latin-1 for tEXt and zTXt, UTF-8 for iTXt; NUL is never allowed.
    static func textBytes(_ chunk: PNGTextChunk) throws(PNGError) -> [UInt8] {
        let shown = "text of chunk \"\(chunk.keyword)\""
        if chunk.kind == .internationalText {
            let bytes = Array(chunk.text.utf8)
            if let offset = bytes.firstIndex(of: 0) {
                throw PNGError("\(shown) contains NUL at byte \(offset); expected no NUL characters")
            }
            return bytes
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chunk.text.unicodeScalars.count)
        for scalar in chunk.text.unicodeScalars {
            guard scalar.value <= 255 else {
                throw PNGError("\(shown) contains U+\(String(scalar.value, radix: 16, uppercase: true)), "
                    + "which tEXt/zTXt cannot hold; expected Latin-1 only (use .internationalText for Unicode)")
            }
            guard scalar.value != 0 else {
                throw PNGError("\(shown) contains NUL at character \(bytes.count); expected no NUL characters")
            }
            bytes.append(UInt8(scalar.value))
        }
        return bytes
    }

    /// Latin-1 bytes as a String (every byte maps to the code point of the same value).
    static func latin1String<C: Collection<UInt8>>(_ bytes: C) -> String {
        var result = String.UnicodeScalarView()
        for byte in bytes { result.append(Unicode.Scalar(byte)) }
        return String(result)
    }
}
