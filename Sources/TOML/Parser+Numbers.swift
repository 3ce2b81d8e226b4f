extension Parser {
    /// Integers, floats and the four date-time forms.
    mutating func numberOrDate() throws(TOMLError) -> TOMLValue {
        let start = i
        while i < bytes.count, Parser.isNumberByte(bytes[i]) { i += 1 }
        // "1979-05-27 07:32:00": a space may separate date and time.
        if i - start == 10, peek == 0x20, Parser.isDigit(peek(1)), Parser.isDigit(peek(2)), peek(3) == 0x3A {
            i += 1
            while i < bytes.count, Parser.isNumberByte(bytes[i]) { i += 1 }
        }
        let token = Array(bytes[start..<i])
        guard !token.isEmpty else { throw fail("expected a value (string, number, boolean, date, array or inline table), found \(found)") }
        let text = String(decoding: token, as: UTF8.self)
        if ["inf", "+inf", "-inf"].contains(text) { return .float(text.hasPrefix("-") ? -.infinity : .infinity) }
        if ["nan", "+nan", "-nan"].contains(text) { return .float(.nan) }
        if token.count > 2, token[0] == 0x30, token[1] == 0x78 || token[1] == 0x6F || token[1] == 0x62 {
            return .integer(try prefixedInteger(token, at: start))
        }
        let looksLikeDate = token.count >= 5 && token[4] == 0x2D && token[0..<4].allSatisfy(Parser.isDigit)
        let looksLikeTime = token.count >= 3 && token[2] == 0x3A && token[0..<2].allSatisfy(Parser.isDigit)
        if looksLikeDate || looksLikeTime {
            guard DateTimeSyntax.isValid(text) else {
                throw fail("'\(text)' is not a valid date or time (expected forms like 1979-05-27, 07:32:00, 1979-05-27T07:32:00Z)", at: start)
            }
            return .dateTime(text)
        }
        if token.contains(where: { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }) {
            return .float(try float(text, at: start))
        }
        return .integer(try decimalInteger(text, at: start))
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    static func isNumberByte(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2B || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x3A
    }

    /// Digits with single underscores only between digits.
    static func validDigits(_ s: Substring, digit: (Character) -> Bool) -> Bool {
        guard let first = s.first, let last = s.last, digit(first), digit(last) else { return false }
        var previousUnderscore = false
        for c in s {
            if c == "_" {
                if previousUnderscore { return false }
                previousUnderscore = true
            } else if digit(c) {
                previousUnderscore = false
            } else {
                return false
            }
        }
        return true
    }

    func decimalInteger(_ text: String, at start: Int) throws(TOMLError) -> Int64 {
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        guard Parser.validDigits(body, digit: { $0.isASCII && $0.isNumber }) else {
            throw fail("'\(text)' is not a valid number", at: start)
        }
        if body.count > 1 && body.first == "0" { throw fail("'\(text)': leading zeros are not allowed", at: start) }
        guard let v = Int64(text.filter { $0 != "_" }) else {
            throw fail("'\(text)' does not fit in a 64-bit integer", at: start)
        }
        return v
    }

    func prefixedInteger(_ token: [UInt8], at start: Int) throws(TOMLError) -> Int64 {
        let text = String(decoding: token, as: UTF8.self)
        let radix = token[1] == 0x78 ? 16 : token[1] == 0x6F ? 8 : 2
        let body = text.dropFirst(2)
        let isDigit: (Character) -> Bool = { c in
            guard let v = c.hexDigitValue, c.isASCII else { return false }
            return v < radix
        }
        guard Parser.validDigits(body, digit: isDigit), let v = UInt64(body.filter { $0 != "_" }, radix: radix),
              v <= UInt64(Int64.max) else {
            throw fail("'\(text)' is not a valid \(radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary") integer", at: start)
        }
        return Int64(v)
    }

    func float(_ text: String, at start: Int) throws(TOMLError) -> Double {
        let bad = fail("'\(text)' is not a valid number (floats need digits on both sides of '.', like 1.0 or 5e-3)", at: start)
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        var mantissa = body, exponent: Substring? = nil
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = body[..<e]
            exponent = body[body.index(after: e)...]
        }
        let digit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        var integerPart = mantissa, fraction: Substring? = nil
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fraction = mantissa[mantissa.index(after: dot)...]
        }
        guard Parser.validDigits(integerPart, digit: digit) else { throw bad }
        if integerPart.count > 1 && integerPart.first == "0" { throw bad }
        if let fraction, !Parser.validDigits(fraction, digit: digit) { throw bad }
        if var exponent {
            if exponent.first == "+" || exponent.first == "-" { exponent = exponent.dropFirst() }
            guard Parser.validDigits(exponent, digit: digit) else { throw bad }
        }
        guard let v = Double(text.filter { $0 != "_" }) else { throw bad }
        return v
    }
}

/// Checks the four TOML date-time forms without interpreting them.
enum DateTimeSyntax {
    static func isValid(_ text: String) -> Bool {
        let b = Array(text.utf8)
        if b.count >= 3 && b[2] == 0x3A { return time(b[...]) }  // local time
        guard b.count >= 10, date(b[0..<10]) else { return false }
        if b.count == 10 { return true }
        guard b[10] == 0x54 || b[10] == 0x74 || b[10] == 0x20 else { return false }
        var rest = b[11...]
        // Offset: Z or ±HH:MM at the end.
        if let last = rest.last, last == 0x5A || last == 0x7A {
            rest = rest.dropLast()
        } else if rest.count > 6, rest[rest.endIndex - 6] == 0x2B || rest[rest.endIndex - 6] == 0x2D {
            let offset = rest.suffix(5)
            guard offsetValid(offset) else { return false }
            rest = rest.dropLast(6)
        }
        return time(rest)
    }

    static func number(_ b: ArraySlice<UInt8>) -> Int? {
        guard !b.isEmpty, b.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return b.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    static func date(_ b: ArraySlice<UInt8>) -> Bool {
        let s = b.startIndex
        guard b.count == 10, b[s + 4] == 0x2D, b[s + 7] == 0x2D,
              let y = number(b[s..<(s + 4)]), let m = number(b[(s + 5)..<(s + 7)]), let d = number(b[(s + 8)..<(s + 10)]),
              (1...12).contains(m) else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return (1...days).contains(d)
    }

    static func time(_ b: ArraySlice<UInt8>) -> Bool {
        let s = b.startIndex
        guard b.count >= 8, b[s + 2] == 0x3A, b[s + 5] == 0x3A,
              let h = number(b[s..<(s + 2)]), let m = number(b[(s + 3)..<(s + 5)]), let sec = number(b[(s + 6)..<(s + 8)]),
              h < 24, m < 60, sec < 60 else { return false }
        if b.count == 8 { return true }
        guard b[s + 8] == 0x2E, b.count > 9 else { return false }
        return number(b[(s + 9)...]) != nil
    }

    static func offsetValid(_ b: ArraySlice<UInt8>) -> Bool {
        let s = b.startIndex
        guard b.count == 5, b[s + 2] == 0x3A, let h = number(b[s..<(s + 2)]), let m = number(b[(s + 3)..<(s + 5)]) else { return false }
        return h < 24 && m < 60
    }
}
