import SafeText

/// Spells values as TOML text that parses back to the same values.
public enum TOMLWriter {
    /// A bare key when it can be one, else a quoted key.
    public static func key(_ k: String) -> String {
        if !k.isEmpty, k.utf8.allSatisfy(Parser.isBareKeyByte) { return k }
        return basic(k)
    }

    /// A basic string; strings with line breaks use the multi-line form so they stay readable.
    public static func string(_ s: String) -> String {
        guard s.contains("\n") else { return basic(s) }
        var out = "\"\"\"\n"
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\n": out += "\n"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += "\t"
            default: append(scalar, to: &out)
            }
        }
        return out + "\"\"\""
    }

    public static func integer(_ v: Int64) -> String { String(v) }

    /// Shortest text that reads back to the same double, always with '.' or an exponent.
    public static func float(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        let s = "\(v)"
        return s.contains(".") || s.contains("e") ? s : s + ".0"
    }

    /// Any value on one line: arrays as `[a, b]`, tables as `{ k = v }`.
    public static func inline(_ v: TOMLValue) -> String {
        switch v {
        case .string(let s): return basic(s)
        case .integer(let i): return integer(i)
        case .float(let d): return float(d)
        case .boolean(let b): return b ? "true" : "false"
        case .dateTime(let s): return s
        case .array(let items): return "[" + items.map { inline($0.value) }.joined(separator: ", ") + "]"
        case .table(let t):
            if t.entries.isEmpty { return "{}" }
            return "{ " + t.entries.map { "\(key($0.key)) = \(inline($0.node.value))" }.joined(separator: ", ") + " }"
        }
    }

    /// A whole table as a document: its plain keys first, then `[tables]` and `[[arrays of tables]]`, with comments.
    public static func document(_ t: TOMLTable) -> String {
        var out = ""
        write(t, path: [], into: &out)
        for c in t.trailingComments { out += c + "\n" }
        return out
    }

    private static func isHeaderTable(_ node: TOMLNode) -> Bool {
        if case .table = node.value, node.raw.isEmpty { return true }
        return false
    }

    private static func isTableArray(_ node: TOMLNode) -> Bool {
        guard node.raw.isEmpty, case .array(let items) = node.value, !items.isEmpty else { return false }
        return items.allSatisfy { if case .table = $0.value { return true } else { return false } }
    }

    private static func write(_ t: TOMLTable, path: [String], into out: inout String) {
        for e in t.entries where !isHeaderTable(e.node) && !isTableArray(e.node) {
            for c in e.leadingComments { out += c + "\n" }
            out += "\(key(e.key)) = \(e.node.raw.isEmpty ? inline(e.node.value) : e.node.raw)"
            if let trailing = e.trailingComment { out += " " + trailing }
            out += "\n"
        }
        for e in t.entries {
            let sub = path + [e.key]
            let name = sub.map(key).joined(separator: ".")
            if isHeaderTable(e.node), case .table(let child) = e.node.value {
                let hasPlainKeys = child.entries.contains { !isHeaderTable($0.node) && !isTableArray($0.node) }
                if hasPlainKeys || child.headerPosition != nil || child.entries.isEmpty {
                    if !out.isEmpty { out += "\n" }
                    for c in child.leadingComments { out += c + "\n" }
                    out += "[\(name)]\n"
                }
                write(child, path: sub, into: &out)
            } else if isTableArray(e.node), case .array(let items) = e.node.value {
                for item in items {
                    guard case .table(let child) = item.value else { continue }
                    if !out.isEmpty { out += "\n" }
                    for c in child.leadingComments { out += c + "\n" }
                    out += "[[\(name)]]\n"
                    write(child, path: sub, into: &out)
                }
            }
        }
    }

    /// `"…"` with the escapes TOML requires (`TerminalText.quoted`, which also escapes what would act on a terminal).
    static func basic(_ s: String) -> String {
        TerminalText.quoted(s, uppercase: true)
    }

    /// What would act on a terminal (`TerminalText.isUnsafe`: the controls TOML requires escaped, and also C1
    /// controls and bidi overrides, so a project file is safe to print) as \uXXXX, everything else as is.
    private static func append(_ scalar: Unicode.Scalar, to out: inout String) {
        TerminalText.appendEscaping(scalar, to: &out, uppercase: true)
    }
}
