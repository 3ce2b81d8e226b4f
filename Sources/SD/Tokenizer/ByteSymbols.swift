/// GPT-2's byte-to-character table, which byte-level BPE vocabularies are spelled in.
///
/// Every byte gets a printable, non-space character so that merges.txt can separate symbols with a space and
/// vocab.json can be plain JSON: the 188 printable Latin-1 bytes ('!'…'~', '¡'…'¬', '®'…'ÿ') stand for
/// themselves and the other 68 (controls, space, DEL, NBSP, soft hyphen…) take U+0100 onwards in byte order.
enum ByteSymbols {
    /// The character each byte is spelled with, indexed by byte.
    static let characters: [Character] = {
        var table = [Character](repeating: " ", count: 256)
        var next: UInt32 = 0x100
        for byte in 0..<256 {
            if isPrintable(UInt8(byte)) {
                table[byte] = Character(Unicode.Scalar(UInt8(byte)))
            } else {
                table[byte] = Character(Unicode.Scalar(next)!)
                next += 1
            }
        }
        return table
    }()

    /// Whether `byte` is one of the bytes the table spells as the Latin-1 character of the same value.
    static func isPrintable(_ byte: UInt8) -> Bool {
        (0x21...0x7E).contains(byte) || (0xA1...0xAC).contains(byte) || (0xAE...0xFF).contains(byte)
    }
}
