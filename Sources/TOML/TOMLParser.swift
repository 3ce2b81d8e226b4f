/// Parses TOML 1.0 text into tables that remember where every key and value was written.
public enum TOMLParser {
    /// Deepest nesting of arrays and inline tables accepted, so hostile input cannot exhaust the stack.
    public static let maximumDepth = 128

    /// The document's root table, or the first error with its line and column.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = Parser(Array(text.utf8))
        return try parser.document()
    }
}

/// The recursive-descent parser over UTF-8 bytes.
struct Parser {
    let bytes: [UInt8]
    var i = 0
    var line = 1
    var lineStart = 0
    var depth = 0
    let root = TableBuilder(origin: .header)
    var current: TableBuilder
    var pendingComments: [String] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        current = root
    }

    // MARK: Positions and errors

    var position: TOMLPosition { position(at: i) }

    func position(at offset: Int) -> TOMLPosition {
        var column = 1
        var j = lineStart
        while j < offset && j < bytes.count {
            if bytes[j] & 0xC0 != 0x80 { column += 1 }
            j += 1
        }
        return TOMLPosition(line: line, column: column)
    }

    func fail(_ message: String, at offset: Int? = nil) -> TOMLError {
        TOMLError(message: message, position: position(at: offset ?? i))
    }

    /// What is at the cursor, in words, for messages.
    var found: String {
        guard i < bytes.count else { return "end of file" }
        switch bytes[i] {
        case 0x0A: return "end of line"
        case 0x0D: return "carriage return"
        case 0x20...0x7E: return "'\(Character(Unicode.Scalar(bytes[i])))'"
        default: return "byte 0x\(String(bytes[i], radix: 16))"
        }
    }

    var atEnd: Bool { i >= bytes.count }
    var peek: UInt8 { i < bytes.count ? bytes[i] : 0 }
    func peek(_ k: Int) -> UInt8 { i + k < bytes.count ? bytes[i + k] : 0 }

    mutating func newline() {
        line += 1
        lineStart = i
    }

    // MARK: Document

    mutating func document() throws(TOMLError) -> TOMLTable {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            i = 3
            lineStart = 3
        }
        while true {
            skipBlanks()
            guard !atEnd else { break }
            switch peek {
            case 0x23: pendingComments.append(try comment())
            case 0x0A:
                i += 1
                newline()
            case 0x0D:
                guard peek(1) == 0x0A else { throw fail("a carriage return must be followed by a line feed") }
                i += 2
                newline()
            case 0x5B:
                try header()
            default:
                try keyValue(into: current, comments: true)
            }
        }
        var table = root.build()
        table.trailingComments = pendingComments
        return table
    }

    /// Spaces and tabs.
    mutating func skipBlanks() {
        while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
    }

    /// A `#` comment up to the end of the line; control characters other than tab are not allowed in it.
    mutating func comment() throws(TOMLError) -> String {
        let start = i
        while i < bytes.count && bytes[i] != 0x0A {
            let b = bytes[i]
            if b == 0x0D && peek(1) == 0x0A { break }
            if (b < 0x20 && b != 0x09) || b == 0x7F { throw fail("control character in a comment") }
            i += 1
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    /// After a value or header: blanks, an optional comment, then end of line or file.
    mutating func endOfLine() throws(TOMLError) -> String? {
        skipBlanks()
        var trailing: String? = nil
        if peek == 0x23 { trailing = try comment() }
        if atEnd { return trailing }
        if peek == 0x0A {
            i += 1
            newline()
            return trailing
        }
        if peek == 0x0D && peek(1) == 0x0A {
            i += 2
            newline()
            return trailing
        }
        throw fail("expected the end of the line after the value, found \(found)")
    }

    // MARK: Headers

    mutating func header() throws(TOMLError) {
        let start = i
        let headerPosition = position
        let isArray = peek(1) == 0x5B
        i += isArray ? 2 : 1
        skipBlanks()
        let keys = try dottedKey()
        skipBlanks()
        guard peek == 0x5D, !isArray || peek(1) == 0x5D else {
            throw fail(isArray ? "expected ']]' to close the array-of-tables header" : "expected ']' to close the table header, found \(found)")
        }
        i += isArray ? 2 : 1
        let comments = pendingComments
        pendingComments = []
        // Walk to the parent, creating implicit tables.
        var table = root
        for (key, keyOffset) in keys.dropLast() {
            switch table.slot(key) {
            case nil:
                let t = TableBuilder(origin: .implicit)
                table.add(key, at: position(at: keyOffset), .table(t))
                table = t
            case .table(let t):
                if t.origin == .inline { throw fail("'\(key)' is an inline table and cannot be extended", at: keyOffset) }
                table = t
            case .tableArray(let elements, _):
                guard let last = elements.last else { throw fail("'\(key)' is empty", at: keyOffset) }
                table = last
            case .leaf:
                throw fail("'\(key)' is already a value, not a table", at: keyOffset)
            }
        }
        let (name, nameOffset) = keys[keys.count - 1]
        let full = keys.map(\.0).joined(separator: ".")
        if isArray {
            switch table.slot(name) {
            case nil:
                let element = TableBuilder(origin: .arrayElement)
                element.headerPosition = headerPosition
                element.leadingComments = comments
                table.add(name, at: position(at: nameOffset), .tableArray([element], headerPosition))
                current = element
            case .tableArray(var elements, let p):
                let element = TableBuilder(origin: .arrayElement)
                element.headerPosition = headerPosition
                element.leadingComments = comments
                elements.append(element)
                table.replace(name, .tableArray(elements, p))
                current = element
            default:
                throw fail("'\(full)' is already defined and is not an array of tables", at: start)
            }
        } else {
            switch table.slot(name) {
            case nil:
                let t = TableBuilder(origin: .header)
                t.headerPosition = headerPosition
                t.leadingComments = comments
                table.add(name, at: position(at: nameOffset), .table(t))
                current = t
            case .table(let t) where t.origin == .implicit:
                t.origin = .header
                t.headerPosition = headerPosition
                t.leadingComments = comments
                current = t
            default:
                throw fail("table [\(full)] is defined more than once", at: start)
            }
        }
        if let trailing = try endOfLine() { current.leadingComments.append(trailing) }
    }

    // MARK: Keys

    /// `a.b."c d"`: each part with the offset it starts at.
    mutating func dottedKey() throws(TOMLError) -> [(String, Int)] {
        var parts: [(String, Int)] = []
        while true {
            skipBlanks()
            let start = i
            parts.append((try simpleKey(), start))
            skipBlanks()
            if peek == 0x2E { i += 1 } else { break }
            if parts.count > TOMLParser.maximumDepth { throw fail("key has more than \(TOMLParser.maximumDepth) parts") }
        }
        return parts
    }

    mutating func simpleKey() throws(TOMLError) -> String {
        switch peek {
        case 0x22: return try basicString()
        case 0x27: return try literalString()
        default:
            let start = i
            while i < bytes.count, Parser.isBareKeyByte(bytes[i]) { i += 1 }
            guard i > start else { throw fail("expected a key (letters, digits, '-', '_' or a quoted key), found \(found)") }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
    }

    static func isBareKeyByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F
    }

    // MARK: Key/value pairs

    /// `key = value` into `table`; `comments` attaches pending comments and reads the end of the line.
    mutating func keyValue(into table: TableBuilder, comments: Bool) throws(TOMLError) {
        let keys = try dottedKey()
        skipBlanks()
        guard peek == 0x3D else { throw fail("expected '=' after the key, found \(found)") }
        i += 1
        skipBlanks()
        let node = try value()
        var target = table
        for (key, keyOffset) in keys.dropLast() {
            switch target.slot(key) {
            case nil:
                let t = TableBuilder(origin: .dotted)
                target.add(key, at: position(at: keyOffset), .table(t))
                target = t
            case .table(let t) where t.origin == .dotted:
                target = t
            default:
                throw fail("'\(key)' is already defined; dotted keys cannot add to it", at: keyOffset)
            }
        }
        let (name, nameOffset) = keys[keys.count - 1]
        guard target.slot(name) == nil else { throw fail("key '\(name)' is defined more than once", at: nameOffset) }
        let leading = comments ? pendingComments : []
        if comments { pendingComments = [] }
        target.add(name, at: position(at: nameOffset), .leaf(node), leading: leading)
        if comments, let trailing = try endOfLine() { target.setTrailing(name, trailing) }
    }

    // MARK: Values

    mutating func value() throws(TOMLError) -> TOMLNode {
        let start = i
        let startPosition = position
        let v: TOMLValue
        switch peek {
        case 0x22:
            if peek(1) == 0x22 && peek(2) == 0x22 { v = .string(try multilineBasicString()) } else { v = .string(try basicString()) }
        case 0x27:
            if peek(1) == 0x27 && peek(2) == 0x27 { v = .string(try multilineLiteralString()) } else { v = .string(try literalString()) }
        case 0x5B: v = .array(try array())
        case 0x7B: v = .table(try inlineTable())
        case 0x74, 0x66:
            if bytes[i...].starts(with: Array("true".utf8)) {
                i += 4
                v = .boolean(true)
            }
            else if bytes[i...].starts(with: Array("false".utf8)) {
                i += 5
                v = .boolean(false)
            }
            else { throw fail("expected a value (string, number, boolean, date, array or inline table), found \(found)") }
        default:
            guard !atEnd, peek != 0x0A, peek != 0x0D, peek != 0x23 else {
                throw fail("expected a value (string, number, boolean, date, array or inline table), found \(found)")
            }
            v = try numberOrDate()
        }
        return TOMLNode(value: v, position: startPosition, raw: String(decoding: bytes[start..<i], as: UTF8.self))
    }

    mutating func array() throws(TOMLError) -> [TOMLNode] {
        depth += 1
        defer { depth -= 1 }
        guard depth <= TOMLParser.maximumDepth else { throw fail("arrays and inline tables nest deeper than \(TOMLParser.maximumDepth)") }
        i += 1
        var items: [TOMLNode] = []
        while true {
            try skipArrayWhitespace()
            if peek == 0x5D {
                i += 1
                return items
            }
            items.append(try value())
            try skipArrayWhitespace()
            if peek == 0x2C {
                i += 1
                continue
            }
            if peek == 0x5D {
                i += 1
                return items
            }
            throw fail("expected ',' or ']' in the array, found \(found)")
        }
    }

    /// Inside arrays: blanks, newlines and comments.
    mutating func skipArrayWhitespace() throws(TOMLError) {
        while true {
            skipBlanks()
            if peek == 0x0A {
                i += 1
                newline()
                continue
            }
            if peek == 0x0D && peek(1) == 0x0A {
                i += 2
                newline()
                continue
            }
            if peek == 0x23 {
                _ = try comment()
                continue
            }
            if atEnd { throw fail("the array is not closed with ']'") }
            return
        }
    }

    mutating func inlineTable() throws(TOMLError) -> TOMLTable {
        depth += 1
        defer { depth -= 1 }
        guard depth <= TOMLParser.maximumDepth else { throw fail("arrays and inline tables nest deeper than \(TOMLParser.maximumDepth)") }
        i += 1
        let table = TableBuilder(origin: .inline)
        skipBlanks()
        if peek == 0x7D {
            i += 1
            return table.build()
        }
        while true {
            skipBlanks()
            try keyValue(into: table, comments: false)
            skipBlanks()
            if peek == 0x2C {
                i += 1
                skipBlanks()
                if peek == 0x7D { throw fail("an inline table may not end with a comma") }
                continue
            }
            if peek == 0x7D {
                i += 1
                break
            }
            throw fail("expected ',' or '}' in the inline table, found \(found)")
        }
        markInline(table)
        return table.build()
    }

    /// Tables made by dotted keys inside an inline table are closed with it.
    func markInline(_ table: TableBuilder) {
        table.origin = .inline
        for item in table.items {
            if case .table(let t) = item.slot { markInline(t) }
        }
    }
}
