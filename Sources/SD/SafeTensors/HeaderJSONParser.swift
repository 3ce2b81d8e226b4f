/// A strict JSON parser (RFC 8259) for safetensors headers. Headers come from downloaded files, so it keeps to
/// the grammar, refuses duplicate keys, invalid UTF-8 and lone surrogates, and bounds nesting depth and input size
/// so hostile bytes give an error rather than a crash or a runaway.
struct HeaderJSONParser {
    /// Deepest nesting accepted; a header needs three levels (header, entry, shape), so this is generous.
    static let maxDepth = 32
    /// Largest input accepted, the same cap as the header length.
    static let maxBytes = 100_000_000
    /// Most values accepted: each costs far more memory parsed than its one or two bytes of text, so a header
    /// of 50 million tiny numbers must stop here. A real header has about ten values per tensor.
    static let maxValues = 1_000_000

    private let bytes: UnsafeRawBufferPointer
    private let source: String
    private var position = 0
    private var valueCount = 0

    private init(bytes: UnsafeRawBufferPointer, source: String) {
        self.bytes = bytes
        self.source = source
    }

    /// The single JSON value in `bytes` (surrounding whitespace allowed); `source` names the file in errors.
    static func parse(_ bytes: UnsafeRawBufferPointer, source: String) throws(SDError) -> HeaderJSON {
        guard bytes.count <= maxBytes else {
            throw SDError("\(source): header JSON is \(bytes.count) bytes, more than the \(maxBytes)-byte limit")
        }
        var parser = HeaderJSONParser(bytes: bytes, source: source)
        parser.skipWhitespace()
        let value = try parser.value(depth: 1)
        parser.skipWhitespace()
        guard parser.position == bytes.count else {
            throw parser.failure("trailing characters after the JSON value: found \(parser.describeCurrent()), expected the end of the header")
        }
        return value
    }

    // MARK: Values

    private mutating func value(depth: Int) throws(SDError) -> HeaderJSON {
        guard depth <= Self.maxDepth else {
            throw failure("nesting is deeper than \(Self.maxDepth) levels")
        }
        valueCount += 1
        guard valueCount <= Self.maxValues else {
            throw failure("more than \(Self.maxValues) values, expected a header of tensor entries")
        }
        guard let byte = current else { throw failure("found the end of the header, expected a JSON value") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("found \(describeCurrent()), expected a JSON value")
        }
    }

    private mutating func object(depth: Int) throws(SDError) -> HeaderJSON {
        position += 1  // {
        var members: [(key: String, value: HeaderJSON)] = []
        var seen = Set<String>()
        skipWhitespace()
        if current == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            guard current == UInt8(ascii: "\"") else { throw failure("found \(describeCurrent()), expected a quoted key") }
            let keyStart = position
            let key = try string()
            guard seen.insert(key).inserted else {
                position = keyStart
                throw failure("duplicate key \(key.quotedForMessage)")
            }
            skipWhitespace()
            try expect(":", "after an object key")
            skipWhitespace()
            members.append((key, try value(depth: depth + 1)))
            skipWhitespace()
            if current == UInt8(ascii: ",") { position += 1; skipWhitespace(); continue }
            if current == UInt8(ascii: "}") { position += 1; return .object(members) }
            throw failure("found \(describeCurrent()), expected ',' or '}' in an object")
        }
    }

    private mutating func array(depth: Int) throws(SDError) -> HeaderJSON {
        position += 1  // [
        var elements: [HeaderJSON] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { position += 1; return .array(elements) }
        while true {
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            if current == UInt8(ascii: ",") { position += 1; skipWhitespace(); continue }
            if current == UInt8(ascii: "]") { position += 1; return .array(elements) }
            throw failure("found \(describeCurrent()), expected ',' or ']' in an array")
        }
    }

    private mutating func literal(_ word: StaticString) throws(SDError) {
        let start = position
        let text = UnsafeRawBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for expected in text {
            guard current == expected else {
                position = start
                throw failure("found \(describeCurrent()), expected \(word)")
            }
            position += 1
        }
    }

    /// The number's text, checked against the grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
    private mutating func number() throws(SDError) -> String {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        if current == UInt8(ascii: "0") {
            position += 1
        } else {
            guard isDigit(current) else { throw failure("found \(describeCurrent()), expected a digit") }
            skipDigits()
        }
        if current == UInt8(ascii: ".") {
            position += 1
            guard isDigit(current) else { throw failure("found \(describeCurrent()), expected a digit after '.'") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard isDigit(current) else { throw failure("found \(describeCurrent()), expected a digit in the exponent") }
            skipDigits()
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    // MARK: Strings

    private mutating func string() throws(SDError) -> String {
        let start = position
        position += 1  // opening quote
        var decoded: [UInt8] = []
        var runStart = position
        while true {
            guard let byte = current else {
                position = start
                throw failure("unterminated string")
            }
            if byte == UInt8(ascii: "\"") {
                decoded.append(contentsOf: bytes[runStart..<position])
                position += 1
                break
            }
            if byte < 0x20 { throw failure("control character 0x\(String(byte, radix: 16)) inside a string, expected it escaped") }
            if byte == UInt8(ascii: "\\") {
                decoded.append(contentsOf: bytes[runStart..<position])
                try escape(into: &decoded)
                runStart = position
                continue
            }
            position += 1
        }
        guard let text = String(validating: decoded, as: UTF8.self) else {
            position = start
            throw failure("string is not valid UTF-8")
        }
        return text
    }

    /// Decodes one backslash escape at `position`, appending its UTF-8 bytes.
    private mutating func escape(into decoded: inout [UInt8]) throws(SDError) {
        position += 1  // backslash
        guard let byte = current else { throw failure("found the end of the header, expected an escape") }
        position += 1
        let simple: UInt8? = switch byte {
        case UInt8(ascii: "\""): 0x22
        case UInt8(ascii: "\\"): 0x5C
        case UInt8(ascii: "/"): 0x2F
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
        if let simple { decoded.append(simple); return }
        guard byte == UInt8(ascii: "u") else {
            position -= 1
            throw failure("found \(describeCurrent()) after a backslash, expected a JSON escape")
        }
        var scalar = try hexQuad()
        if (0xD800...0xDBFF).contains(scalar) {
            // A high surrogate must be followed by an escaped low surrogate; together they are one scalar.
            guard current == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "u") else {
                throw failure("lone surrogate \\u\(String(scalar, radix: 16)) in a string")
            }
            position += 2
            let low = try hexQuad()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw failure("surrogate \\u\(String(scalar, radix: 16)) followed by \\u\(String(low, radix: 16)), expected a low surrogate")
            }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw failure("lone surrogate \\u\(String(scalar, radix: 16)) in a string")
        }
        // Only surrogates are invalid scalars, and those are handled above.
        decoded.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
    }

    private mutating func hexQuad() throws(SDError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw failure("found the end of the header, expected four hex digits after \\u") }
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw failure("found \(describeCurrent()), expected a hex digit after \\u")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    // MARK: Bytes

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func peek(_ offset: Int) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    private func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while isDigit(current) { position += 1 }
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    private mutating func expect(_ character: Unicode.Scalar, _ context: String) throws(SDError) {
        guard current == UInt8(ascii: character) else {
            throw failure("found \(describeCurrent()), expected '\(character)' \(context)")
        }
        position += 1
    }

    /// The byte at `position` in words: a printable character in quotes, else its hex value.
    private func describeCurrent() -> String {
        guard let byte = current else { return "the end of the header" }
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }

    private func failure(_ problem: String) -> SDError {
        SDError("\(source): bad header JSON at header byte \(position): \(problem)")
    }
}
