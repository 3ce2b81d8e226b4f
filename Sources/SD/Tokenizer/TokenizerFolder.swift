import Foundation

/// The files of a diffusers `tokenizer/` folder, read with errors that name the file and what was wrong.
struct TokenizerFolder {
    /// Merge rules in file order, and the 1-based line each came from.
    struct Merges {
        var pairs: [(String, String)] = []
        var lines: [Int] = []
    }

    let path: String
    var vocabPath: String { path + "/vocab.json" }
    var mergesPath: String { path + "/merges.txt" }

    init(_ path: String) throws(SDError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SDError("tokenizer folder \(path) does not exist (expected a folder with vocab.json and merges.txt)")
        }
        guard isDirectory.boolValue else {
            throw SDError("\(path) is a file, expected a tokenizer folder with vocab.json and merges.txt")
        }
        self.path = path
    }

    /// vocab.json: one JSON object mapping each token to its integer id.
    func vocabulary() throws(SDError) -> [String: Int] {
        let object = try json(vocabPath, required: true)!  // never nil: a required file is there or threw
        guard let entries = object as? [String: Any] else {
            throw SDError("\(vocabPath): expected a JSON object mapping tokens to ids, found \(Self.kind(of: object))")
        }
        var vocab: [String: Int] = [:]
        vocab.reserveCapacity(entries.count)
        for (token, value) in entries {
            // Negative ids are refused: they index no embedding row, and the tokenizer uses -1 for "not in the vocabulary".
            guard let number = value as? NSNumber, let id = Int(exactly: number.doubleValue), id >= 0 else {
                throw SDError("\(vocabPath): the id of token '\(token)' is \(Self.kind(of: value)), expected a non-negative integer")
            }
            vocab[token] = id
        }
        return vocab
    }

    /// merges.txt: an optional "#version" line, then one rule a line, two symbols separated by a space.
    func merges() throws(SDError) -> Merges {
        let text = try contents(of: mergesPath, required: true)!
        var merges = Merges()
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty || (index == 0 && line.hasPrefix("#version")) { continue }
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw SDError("\(mergesPath) line \(index + 1): expected two symbols separated by one space, found '\(line)'")
            }
            merges.pairs.append((String(parts[0]), String(parts[1])))
            merges.lines.append(index + 1)
        }
        return merges
    }

    /// The pad token named by special_tokens_map.json, else tokenizer_config.json; nil when neither names one.
    func padToken() throws(SDError) -> String? {
        for name in ["special_tokens_map.json", "tokenizer_config.json"] {
            let file = path + "/" + name
            guard let object = try json(file, required: false) else { continue }
            guard let settings = object as? [String: Any] else {
                throw SDError("\(file): expected a JSON object, found \(Self.kind(of: object))")
            }
            switch settings["pad_token"] {
            case nil, is NSNull: continue
            case let token as String: return token
            // transformers also writes tokens as serialised AddedToken objects.
            case let added as [String: Any]:
                guard let token = added["content"] as? String else {
                    throw SDError("\(file): pad_token is an object without a \"content\" string")
                }
                return token
            case let other?:
                throw SDError("\(file): pad_token is \(Self.kind(of: other)), expected a string")
            }
        }
        return nil
    }

    /// The parsed JSON of `file`, or nil when it is absent and not `required`.
    private func json(_ file: String, required: Bool) throws(SDError) -> Any? {
        guard let text = try contents(of: file, required: required) else { return nil }
        do {
            return try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            throw SDError("\(file) is not valid JSON: \(error.localizedDescription)")
        }
    }

    /// The UTF-8 text of `file`, or nil when it is absent and not `required`.
    private func contents(of file: String, required: Bool) throws(SDError) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            if required { throw SDError("\(file) is missing (a tokenizer folder needs vocab.json and merges.txt)") }
            return nil
        }
        if isDirectory.boolValue { throw SDError("\(file) is a folder, expected a file") }
        guard let data = FileManager.default.contents(atPath: file) else { throw SDError("\(file) could not be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw SDError("\(file) is not UTF-8 text") }
        return text
    }

    /// A JSON value's kind in words, for messages.
    private static func kind(of value: Any) -> String {
        switch value {
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        case is String: return "a string"
        case is NSNull: return "null"
        case is Bool: return "a boolean"
        case let n as NSNumber: return "the number \(n)"
        default: return "\(type(of: value))"
        }
    }
}
