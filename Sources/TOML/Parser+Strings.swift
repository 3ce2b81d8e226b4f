extension Parser {
    /// Whether a byte may appear raw inside a string (tab is allowed, other control characters are not).
    static func isStringByte(_ b: UInt8) -> Bool { b == 0x09 || (b >= 0x20 && b != 0x7F) }

    /// `"…"` with escapes.
    mutating func basicString() throws(TOMLError) -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard !atEnd else { throw fail("the string is not closed with '\"'") }
            let b = bytes[i]
            if b == 0x22 {
                i += 1
                break
            }
            if b == 0x5C {
                try escape(into: &out)
                continue
            }
            if b == 0x0A || b == 0x0D { throw fail("the string is not closed with '\"' before the end of the line") }
            guard Parser.isStringByte(b) else { throw fail("control character in a string; write it as an escape such as \\u0001") }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `'…'`, taken as written.
    mutating func literalString() throws(TOMLError) -> String {
        i += 1
        let start = i
        while true {
            guard !atEnd else { throw fail("the string is not closed with \"'\"") }
            let b = bytes[i]
            if b == 0x27 { break }
            if b == 0x0A || b == 0x0D { throw fail("the string is not closed with \"'\" before the end of the line") }
            guard Parser.isStringByte(b) else { throw fail("control character in a literal string") }
            i += 1
        }
        let s = String(decoding: bytes[start..<i], as: UTF8.self)
        i += 1
        return s
    }

    /// `"""…"""`: a newline right after the opening quotes is dropped; a backslash at a line end joins lines.
    mutating func multilineBasicString() throws(TOMLError) -> String {
        i += 3
        skipFirstNewline()
        var out: [UInt8] = []
        while true {
            guard !atEnd else { throw fail("the multi-line string is not closed with '\"\"\"'") }
            let b = bytes[i]
            if b == 0x22 && peek(1) == 0x22 && peek(2) == 0x22 {
                // Up to two quotes may sit right before the closing delimiter.
                var quotes = 3
                while quotes < 5 && peek(quotes) == 0x22 { quotes += 1 }
                out += Array(repeating: 0x22, count: quotes - 3)
                i += quotes
                break
            }
            if b == 0x5C {
                // Line-ending backslash: skip whitespace and newlines up to the next non-blank.
                var j = i + 1
                while j < bytes.count && (bytes[j] == 0x20 || bytes[j] == 0x09) { j += 1 }
                if j < bytes.count && (bytes[j] == 0x0A || (bytes[j] == 0x0D && j + 1 < bytes.count && bytes[j + 1] == 0x0A)) {
                    i = j
                    while i < bytes.count {
                        if bytes[i] == 0x0A {
                            i += 1
                            newline()
                        }
                        else if bytes[i] == 0x0D && peek(1) == 0x0A {
                            i += 2
                            newline()
                        }
                        else if bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
                        else { break }
                    }
                    continue
                }
                try escape(into: &out)
                continue
            }
            if b == 0x0A {
                out.append(b)
                i += 1
                newline()
                continue
            }
            // CRLF inside a multi-line string reads as LF, as the reference readers do.
            if b == 0x0D && peek(1) == 0x0A {
                out.append(0x0A)
                i += 2
                newline()
                continue
            }
            guard Parser.isStringByte(b) else { throw fail("control character in a string; write it as an escape") }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `'''…'''`, taken as written.
    mutating func multilineLiteralString() throws(TOMLError) -> String {
        i += 3
        skipFirstNewline()
        var out: [UInt8] = []
        while true {
            guard !atEnd else { throw fail("the multi-line string is not closed with \"'''\"") }
            let b = bytes[i]
            if b == 0x27 && peek(1) == 0x27 && peek(2) == 0x27 {
                var quotes = 3
                while quotes < 5 && peek(quotes) == 0x27 { quotes += 1 }
                out += Array(repeating: 0x27, count: quotes - 3)
                i += quotes
                break
            }
            if b == 0x0A {
                out.append(b)
                i += 1
                newline()
                continue
            }
            // CRLF inside a multi-line string reads as LF, as the reference readers do.
            if b == 0x0D && peek(1) == 0x0A {
                out.append(0x0A)
                i += 2
                newline()
                continue
            }
            guard Parser.isStringByte(b) else { throw fail("control character in a literal string") }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func skipFirstNewline() {
        if peek == 0x0A {
            i += 1
            newline()
        }
        else if peek == 0x0D && peek(1) == 0x0A {
            i += 2
            newline()
        }
    }

    /// One escape sequence, appended as UTF-8.
    mutating func escape(into out: inout [UInt8]) throws(TOMLError) {
        let start = i
        i += 1
        let c = peek
        i += 1
        switch c {
        case 0x62: out.append(0x08)
        case 0x74: out.append(0x09)
        case 0x6E: out.append(0x0A)
        case 0x66: out.append(0x0C)
        case 0x72: out.append(0x0D)
        case 0x22: out.append(0x22)
        case 0x5C: out.append(0x5C)
        case 0x65: out.append(0x1B)  // \e (TOML 1.1, accepted by common readers)
        case 0x75, 0x55:
            let count = c == 0x75 ? 4 : 8
            var v: UInt32 = 0
            for _ in 0..<count {
                guard let d = Parser.hexValue(peek) else {
                    throw fail("\\\(c == 0x75 ? "u" : "U") needs \(count) hex digits", at: start)
                }
                v = v << 4 | UInt32(d)
                i += 1
            }
            guard let scalar = Unicode.Scalar(v) else {
                throw fail("\\u escape names U+\(String(v, radix: 16, uppercase: true)), which is not a Unicode scalar value", at: start)
            }
            out += Array(String(Character(scalar)).utf8)
        default:
            throw fail("unknown escape '\\\(c >= 0x20 && c < 0x7F ? String(Character(Unicode.Scalar(c))) : "?")'; expected \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX or \\UXXXXXXXX", at: start)
        }
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }
}
