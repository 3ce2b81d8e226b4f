import TOML

/// Reads typed fields from one TOML table, turning every wrong type or range into a `ProjectError` at the
/// value's position, and keeping what it was not asked for as extra entries.
struct TableReader {
    let table: TOMLTable
    let file: String
    /// How the table is named in messages: "[defaults]", "shot 's03'".
    let context: String
    private(set) var used: Set<String> = []

    init(_ table: TOMLTable, file: String, context: String) {
        self.table = table
        self.file = file
        self.context = context
    }

    func error(_ node: TOMLNode, _ message: String) -> ProjectError {
        ProjectError(file: file, line: node.position.line, column: node.position.column, message: message)
    }

    func missing(_ key: String) -> ProjectError {
        let place = table.headerPosition ?? TOMLPosition(line: 1, column: 1)
        return ProjectError(file: file, line: place.line, column: place.column,
                            message: "\(context) has no '\(key)'; it is required")
    }

    mutating func node(_ key: String) -> TOMLNode? {
        used.insert(key)
        return table[key]
    }

    mutating func string(_ key: String, maxLength: Int = 1 << 20) throws(ProjectError) -> String? {
        guard let node = node(key) else { return nil }
        guard case .string(let s) = node.value else {
            throw error(node, "'\(key)' in \(context) must be a string in quotes, found \(describe(node.value))")
        }
        guard s.utf8.count <= maxLength else {
            throw error(node, "'\(key)' in \(context) is \(s.utf8.count) bytes long; at most \(maxLength) are allowed")
        }
        return s
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int64>, what: String) throws(ProjectError) -> Int64? {
        guard let node = node(key) else { return nil }
        guard case .integer(let v) = node.value else {
            throw error(node, "'\(key)' in \(context) must be \(what), found \(describe(node.value))")
        }
        guard range.contains(v) else {
            throw error(node, "'\(key)' in \(context) is \(v); expected \(what) from \(range.lowerBound) to \(range.upperBound)")
        }
        return v
    }

    mutating func number(_ key: String, in range: ClosedRange<Double>, what: String, exclusiveLower: Bool = false) throws(ProjectError) -> Double? {
        guard let node = node(key) else { return nil }
        let v: Double
        switch node.value {
        case .integer(let i): v = Double(i)
        case .float(let f): v = f
        default: throw error(node, "'\(key)' in \(context) must be \(what), found \(describe(node.value))")
        }
        guard v.isFinite, range.contains(v), !(exclusiveLower && v == range.lowerBound) else {
            let bound = exclusiveLower ? "more than \(TOMLWriter.float(range.lowerBound))" : "at least \(TOMLWriter.float(range.lowerBound))"
            throw error(node, "'\(key)' in \(context) is \(node.raw); expected \(what), \(bound) and at most \(TOMLWriter.float(range.upperBound))")
        }
        return v
    }

    mutating func integerArray(_ key: String, in range: ClosedRange<Int64>, what: String) throws(ProjectError) -> [Int64]? {
        guard let node = node(key) else { return nil }
        guard case .array(let items) = node.value else {
            throw error(node, "'\(key)' in \(context) must be an array of \(what), found \(describe(node.value))")
        }
        var out: [Int64] = []
        for item in items {
            guard case .integer(let v) = item.value, range.contains(v) else {
                throw error(item, "'\(key)' in \(context) must hold \(what) from \(range.lowerBound) to \(range.upperBound), found \(item.raw)")
            }
            out.append(v)
        }
        return out
    }

    /// A string naming one case of an enumeration, with the accepted names in the message when it is wrong.
    mutating func choice<T>(_ key: String, _ parse: (String) -> T?, names: [String]) throws(ProjectError) -> T? {
        guard let node = node(key) else { return nil }
        guard case .string(let s) = node.value else {
            throw error(node, "'\(key)' in \(context) must be a string in quotes, found \(describe(node.value))")
        }
        guard let v = parse(s) else {
            throw error(node, "unknown \(key.replacingOccurrences(of: "_", with: " ")) '\(s)' in \(context); expected one of \(names.joined(separator: ", "))")
        }
        return v
    }

    /// A list of LoRA tables (`[{ path = "…", strength = 0.8 }]` or `[[loras]]`); strength defaults to 1.
    mutating func loras(_ key: String) throws(ProjectError) -> [LoRAReference]? {
        guard let node = node(key) else { return nil }
        guard case .array(let items) = node.value else {
            throw error(node, "'\(key)' in \(context) must be a list of tables such as [{ path = \"style.safetensors\", strength = 0.8 }], found \(describe(node.value))")
        }
        var out: [LoRAReference] = []
        for item in items {
            guard case .table(let table) = item.value else {
                throw error(item, "each entry of '\(key)' in \(context) must be a table such as { path = \"style.safetensors\", strength = 0.8 }, found \(describe(item.value))")
            }
            var entry = TableReader(table, file: file, context: "a LoRA of \(context)")
            guard let path = try entry.string("path", maxLength: 4096), !path.isEmpty else {
                throw error(item, "a LoRA in '\(key)' of \(context) has no 'path'; expected { path = \"style.safetensors\", strength = 0.8 }")
            }
            let strength = try entry.number("strength", in: LoRAReference.strengthRange, what: "a LoRA strength") ?? 1
            if let unknown = entry.extra.first {
                throw ProjectError(file: file, line: unknown.keyPosition.line, column: unknown.keyPosition.column,
                                   message: "unknown key '\(unknown.key)' in a LoRA of \(context); expected path and strength")
            }
            out.append(LoRAReference(path: path, strength: strength))
        }
        return out
    }

    /// Entries nobody asked for, in file order.
    var extra: [TOMLEntry] { table.entries.filter { !used.contains($0.key) } }

    /// Comments of the keys that were read.
    var comments: [String: Comments] {
        var out: [String: Comments] = [:]
        for entry in table.entries where used.contains(entry.key) {
            let c = Comments(leading: entry.leadingComments, trailing: entry.trailingComment)
            if !c.isEmpty { out[entry.key] = c }
        }
        if !table.leadingComments.isEmpty { out[""] = Comments(leading: table.leadingComments) }
        return out
    }
}

/// "a string", "an integer", … for messages.
func describe(_ value: TOMLValue) -> String {
    switch value {
    case .string: return "a string"
    case .integer: return "an integer"
    case .float: return "a number with a decimal point"
    case .boolean: return "true/false"
    case .dateTime: return "a date"
    case .array: return "an array"
    case .table: return "a table"
    }
}

extension String {
    func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}
