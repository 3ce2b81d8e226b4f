import Foundation
import Testing
import TestSupport
@testable import TOML

/// Our parser against Python's tomllib, an independent implementation of the same specification.
@Suite struct TOMLConformanceTests {
    /// tomllib's view of every corpus document, read in one Python run: tagged JSON, or NSNull when rejected.
    nonisolated(unsafe) static let references: [String: Any] = {
        let docs = TOMLCorpus.valid + TOMLCorpus.invalid
        guard let input = try? JSONSerialization.data(withJSONObject: docs),
              let (out, _, status) = try? runProgram("/usr/bin/env", ["python3", repositoryRoot + "/scripts/toml_to_json.py", "--batch"], stdin: input),
              status == 0, let results = try? JSONSerialization.jsonObject(with: Data(out.utf8)) as? [Any] else { return [:] }
        return Dictionary(zip(docs, results), uniquingKeysWith: { a, _ in a })
    }()

    /// tomllib's view: tagged JSON, or nil when it rejects the document.
    func reference(_ doc: String) throws -> Any? {
        if let known = Self.references[doc] { return known is NSNull ? nil : known }
        let (out, _, status) = try runProgram("/usr/bin/env", ["python3", repositoryRoot + "/scripts/toml_to_json.py"], stdin: Data(doc.utf8))
        if status != 0 { return nil }
        return try JSONSerialization.jsonObject(with: Data(out.utf8))
    }

    /// Our parse in the same tagged form.
    func tagged(_ value: TOMLValue) -> Any {
        switch value {
        case .string(let s): return ["type": "string", "value": s]
        case .integer(let i): return ["type": "integer", "value": String(i)]
        case .float(let d): return ["type": "float", "value": d.isNaN ? "nan" : d.isInfinite ? (d > 0 ? "inf" : "-inf") : "\(d)"]
        case .boolean(let b): return ["type": "bool", "value": b ? "true" : "false"]
        case .dateTime(let s): return ["type": "datetime", "value": isoformat(s)]
        case .array(let items): return items.map { tagged($0.value) }
        case .table(let t): return Dictionary(t.entries.map { ($0.key, tagged($0.node.value)) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Python's isoformat spelling of a TOML date-time: 'T' separator, +00:00 for Z, microseconds padded to 6 digits.
    func isoformat(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "t", with: "T").replacingOccurrences(of: "z", with: "Z")
        if t.count > 10, t.dropFirst(10).first == " " { t = String(t.prefix(10)) + "T" + t.dropFirst(11) }
        if t.hasSuffix("Z") { t = t.dropLast() + "+00:00" }
        if let dot = t.firstIndex(of: ".") {
            let after = t[t.index(after: dot)...]
            let digits = after.prefix { $0.isNumber }
            let rest = after.dropFirst(digits.count)
            var micro = String(digits.prefix(6))
            while micro.count < 6 { micro += "0" }
            t = String(t[..<dot]) + (micro == "000000" ? "" : "." + micro) + rest
        }
        return t
    }

    /// Floats compare by value (both spell the shortest round-trip form, but tolerate spelling differences).
    func same(_ a: Any, _ b: Any) -> Bool {
        if let x = a as? [String: Any], let y = b as? [String: Any] {
            if x["type"] as? String == "float", y["type"] as? String == "float" {
                return Double(x["value"] as? String ?? "") == Double(y["value"] as? String ?? "")
                    || (x["value"] as? String == "nan" && y["value"] as? String == "nan")
                    || x["value"] as? String == y["value"] as? String
            }
            return x.count == y.count && x.allSatisfy { k, v in y[k].map { same(v, $0) } ?? false }
        }
        if let x = a as? [Any], let y = b as? [Any] { return x.count == y.count && zip(x, y).allSatisfy(same) }
        return (a as? String) == (b as? String)
    }

    @Test(arguments: TOMLCorpus.valid)
    func validDocumentsMatchTomllib(_ doc: String) throws {
        let expected = try #require(try reference(doc), "tomllib rejected a corpus document: \(doc)")
        let ours = try TOMLParser.parse(doc)
        #expect(same(tagged(.table(ours)), expected), "differs from tomllib:\n\(doc)")
        // Our writer's output reads back the same in tomllib and in our parser.
        let written = TOMLWriter.document(ours)
        let rewritten = try #require(try reference(written), "tomllib rejected our output:\n\(written)")
        #expect(same(rewritten, expected), "round trip differs:\n\(written)")
        #expect(try TOMLParser.parse(written) == ours)
    }

    @Test(arguments: TOMLCorpus.invalid)
    func invalidDocumentsAreRejectedByBoth(_ doc: String) throws {
        #expect(try reference(doc) == nil, "tomllib accepts: \(doc)")
        #expect(throws: TOMLError.self) { try TOMLParser.parse(doc) }
    }

    @Test func integersBeyond64BitsAreRejected() {
        // The specification asks for an error where an integer cannot be kept losslessly (tomllib is lenient here).
        #expect(throws: TOMLError.self) { try TOMLParser.parse("a = 9223372036854775808") }
    }

    @Test func errorPositions() {
        func position(_ doc: String) -> TOMLPosition? {
            do {
                _ = try TOMLParser.parse(doc)
                return nil
            } catch { return error.position }
        }
        #expect(position("a = 1\nb = \n") == TOMLPosition(line: 2, column: 5))
        #expect(position("a = 1\na = 2") == TOMLPosition(line: 2, column: 1))
        #expect(position("[x]\n[x]") == TOMLPosition(line: 2, column: 1))
        #expect(position("\"é\" = 1\nk = \"\\q\"") == TOMLPosition(line: 2, column: 6))
        #expect(position("é = 1") == TOMLPosition(line: 1, column: 1))
        #expect(position("s = \"日本語\\x\"") == TOMLPosition(line: 1, column: 9))
    }

    @Test func positionsRawTextAndComments() throws {
        let doc = "# top\ntitle = \"Spot\"  # trailing\n\n# about shots\n[[shot]]\nid = 's01'\nduration = 2.50\n# end\n"
        let t = try TOMLParser.parse(doc)
        let title = try #require(t.entries.first)
        #expect(title.key == "title" && title.keyPosition == TOMLPosition(line: 2, column: 1))
        #expect(title.node.position == TOMLPosition(line: 2, column: 9) && title.node.raw == "\"Spot\"")
        #expect(title.leadingComments == ["# top"] && title.trailingComment == "# trailing")
        guard case .array(let shots) = t["shot"]?.value, case .table(let shot) = shots.first?.value else {
            Issue.record("no shot table")
            return
        }
        #expect(shot.headerPosition == TOMLPosition(line: 5, column: 1))
        #expect(shot.leadingComments == ["# about shots"])
        #expect(shot["duration"]?.raw == "2.50" && shot["duration"]?.value == .float(2.5))
        #expect(t.trailingComments == ["# end"])
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = "a = " + String(repeating: "[", count: 100_000)
        #expect(throws: TOMLError.self) { try TOMLParser.parse(deep) }
        let inline = "a = " + String(repeating: "{b=", count: 10_000)
        #expect(throws: TOMLError.self) { try TOMLParser.parse(inline) }
    }

    @Test func largeDocument() throws {
        var doc = ""
        for i in 0..<10_000 {
            doc += "[[shot]]\nid = \"s\(i)\"\nprompt = \"wide shot of a horse galloping on the beach, take \(i)\"\nseed = \(i)\nduration = 2.5\ncamera = \"push_in\"\naction = \"Action \(i)\"\nnotes = \"\"\n\n"
        }
        let t = try TOMLParser.parse(doc)
        guard case .array(let shots) = t["shot"]?.value else {
            Issue.record("no shots")
            return
        }
        #expect(shots.count == 10_000)
    }
}
