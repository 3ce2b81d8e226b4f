import Foundation
import Project
import Testing
@testable import Interchange

/// What the interchange fuzz harness found, replayed without the fuzz build: each input in
/// Fuzz/Regressions/interchange against values stated here by hand, not against what the code under test returns.
@Suite struct InterchangeFuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions/interchange").path

    static func text(_ name: String) throws -> String {
        let data = try #require(FileManager.default.contents(atPath: folder + "/" + name), "\(name)")
        return try #require(String(data: data, encoding: .utf8), "\(name) is not UTF-8")
    }

    /// Scalars, not Strings: String's == compares by canonical equivalence, and these cases are about scalars.
    static func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    /// Each sheet the fuzzer found, with the (id, prompt) of its shots as the bytes of the file say.
    static let sheets: [(file: String, shots: [(id: String, prompt: String)])] = [
        // A CRLF inside a quoted prompt: one Character in Swift, so the writer's check for "\r" and "\n" missed it.
        ("csv-crlf-in-quoted-field.csv", [("0", "\r\n")]),
        // A comma, and a quote, followed by a combining acute accent (U+0301): again one Character each.
        ("csv-comma-then-combining-mark.csv", [("s01", "a horse,\u{301} galloping")]),
        ("csv-quote-then-combining-mark.csv", [("s01", "a \"\u{301}quoted\u{301}\" horse")]),
        // The fuzzer's own find: NULs, a C0 byte and a CRLF inside one quoted prompt, an unknown column.
        ("crash-f026f0be364ee46819ec51955161400213299722",
         [("s01", "a \u{0}l ver6</end></clipite>\u{1}\u{0}\u{0}\u{0}rack></video></media></sequenceduration\r\ns01lloping")]),
        ("crash-5c53768e659fff9f1ea7ffeeabeb62481004eb6a", [("s01", "a \u{0}l ver6</end></clipitem></track>on\r\ns01lloping")]),
    ]

    @Test func aProcessingInstructionWithNoDataIsRefusedBeforeFoundationsParser() throws {
        // Foundation's XMLParser dereferences a null pointer on `<?name?>` (the fuzzer's find, a SIGSEGV in strlen).
        let name = "crash-8c161e43372115558a625d9c9a47167961ae9db5"
        let data = try #require(FileManager.default.contents(atPath: Self.folder + "/" + name))
        do {
            _ = try EditedCut.fcp7(data, path: name)
            Issue.record("\(name) was read")
        } catch {
            #expect("\(error)".contains("line 1: a processing instruction with no data"), "\(error)")
        }
        // The XML declaration and instructions with data are left to the parser.
        #expect(EditedCut.emptyProcessingInstructionLine(Data("<?xml version=\"1.0\"?>\n<xmeml/>".utf8)) == nil)
        #expect(EditedCut.emptyProcessingInstructionLine(Data("<?xml version=\"1.0\"?>\n<a>\n<?pi  ?></a>".utf8)) == 3)
    }

    @Test func everyFoundSheetReadsAsItsBytesSayAndRoundTrips() throws {
        for sheet in Self.sheets {
            let (shots, _) = try ShotList.shots(fromCSV: try Self.text(sheet.file), file: sheet.file)
            #expect(shots.map(\.id) == sheet.shots.map(\.id), "\(sheet.file)")
            #expect(shots.map { Self.scalars($0.prompt) } == sheet.shots.map { Self.scalars($0.prompt) }, "\(sheet.file)")
            var project = Project(title: "regression")
            project.shots = shots
            let written = ShotList.csv(project)
            let (again, _) = try ShotList.shots(fromCSV: written, file: sheet.file + " (written)")
            #expect(again.map(\.id) == sheet.shots.map(\.id), "\(sheet.file)")
            #expect(again.map { Self.scalars($0.prompt) } == sheet.shots.map { Self.scalars($0.prompt) }, "\(sheet.file)")
            #expect(again == shots, "\(sheet.file)")
        }
    }

    @Test func theCRLFSheetWritesTheQuotedFieldRFC4180Asks() throws {
        let (shots, _) = try ShotList.shots(fromCSV: try Self.text("csv-crlf-in-quoted-field.csv"), file: "crlf.csv")
        var project = Project(title: "regression")
        project.shots = shots
        // Defaults for what the sheet leaves out: 3 s, a static camera, seed 0, empty texts.
        let expected = "number,id,duration,camera,prompt,seed,action,dialogue,notes\r\n1,0,3,static,\"\r\n\",0,,,\r\n"
        #expect(Self.scalars(ShotList.csv(project)) == Self.scalars(expected))
    }

    @Test func fieldsAreQuotedByScalarNotByCharacter() {
        let values = ["\r\n", ",\u{301}", "\"\u{301}", "\r", "\n", " lead", "trail ", "plain", "caf\u{E9}", "e\u{301}"]
        let written = CSVTable.write([values])
        let expected = "\"\r\n\",\",\u{301}\",\"\"\"\u{301}\",\"\r\",\"\n\",\" lead\",\"trail \",plain,caf\u{E9},e\u{301}\r\n"
        #expect(Self.scalars(written) == Self.scalars(expected))
        let back = try? CSVTable.parse(written)
        #expect(back?.map { $0.fields.map(Self.scalars) } == [values.map(Self.scalars)])
    }

    @Test func aSheetMatchesShotsIgnoringCaseAsTheProjectReaderDoes() throws {
        var existing = Project(title: "existing")
        existing.shots = [Shot(id: "S01", prompt: "old prompt", seed: 1), Shot(id: "s02", prompt: "untouched", seed: 2)]
        let (shots, columns) = try ShotList.shots(fromCSV: "id,prompt\r\ns01,new prompt\r\n", file: "case.csv")
        let (merged, report) = ShotList.merge(shots, columns: columns, into: existing)
        // One shot s01 (the sheet's spelling), not S01 and s01: the reader refuses ids equal but for case.
        #expect(merged.shots.map(\.id) == ["s01", "s02"])
        #expect(merged.shots.map(\.prompt) == ["new prompt", "untouched"])
        #expect(report.contains("updated s01") && !report.contains { $0.hasPrefix("added") })
        #expect(throws: Never.self) { try ProjectDecoder.decode(ProjectEncoder.encode(merged), file: "merged.toml") }
    }
}
