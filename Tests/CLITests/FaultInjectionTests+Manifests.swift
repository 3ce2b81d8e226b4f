import Digest
import Foundation
import Imaging
import Testing
import TestSupport

/// I/O faults (ENOSPC from the Nth write, fsync or rename, through scripts/iofault.c preloaded) during an export
/// over an earlier one: after every run, each manifest that exists matches every file it lists, each output is
/// whole (old or new), nothing temporary is left, and a failed run exits 1 with one message naming the reason.
extension FaultInjectionTests {
    /// Builds the injector into `folder`; its path.
    func buildInjector(in folder: String) throws -> String {
        let library = folder + "/iofault.so"
        let built = try runProgram("/usr/bin/env", ["cc", "-shared", "-fPIC", "-O1", "-o", library, repositoryRoot + "/scripts/iofault.c", "-ldl"])
        try #require(built.status == 0, "cc: \(built.err)")
        return library
    }

    /// The export, with the Nth call of `kind` failing (0: none); exit status, stderr, and (calls counted, fired).
    func export(_ project: String, outputs: [String], kind: String, n: Int, injector: String) throws -> (status: Int32, err: String, calls: Int, fired: Bool) {
        let report = project + "/../iofault-report"
        var environment = ProcessInfo.processInfo.environment
        environment.merge(["LD_PRELOAD": injector, "IOFAULT_KIND": kind, "IOFAULT_N": "\(n)", "IOFAULT_REPORT": report]) { $1 }
        let args = ["export", project, "--pdf", outputs[0], "--sheet", outputs[1], "--otio", outputs[2], "--edl", outputs[3], "--frames", outputs[4]]
        let r = try runProgram(CLITests.binary, args, environment: environment, timeout: 120)
        let said = ((try? String(contentsOfFile: report, encoding: .utf8)) ?? "").split(separator: " ")
        return (r.status, r.err, said.count == 3 ? Int(said[1]) ?? -1 : -1, said.count == 3 && said[2].hasPrefix("1"))
    }

    /// Problems with the manifests and outputs on disk (empty: all consistent).
    func inconsistencies(_ outputs: [String]) throws -> [String] {
        var problems: [String] = []
        for output in outputs {
            let manifest = output + ".manifest.json"
            guard let data = FileManager.default.contents(atPath: manifest) else { continue }
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any], let files = object["files"] as? [[String: Any]] else {
                problems.append("\(manifest) is not a manifest")
                continue
            }
            for entry in files {
                let path = entry["path"] as? String ?? ""
                guard let bytes = FileManager.default.contents(atPath: path) else {
                    problems.append("\(manifest) lists missing \(path)")
                    continue
                }
                if SHA256.hex(SHA256.hash(Array(bytes))) != entry["sha256"] as? String { problems.append("\(manifest): \(path) has another SHA-256") }
            }
        }
        if try runProgram("/usr/bin/env", ["pdfinfo", outputs[0]]).status != 0 { problems.append("board PDF damaged") }
        if (try? PNGDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: outputs[1]))))) == nil { problems.append("sheet damaged") }
        if (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: outputs[2])))) == nil { problems.append("OTIO damaged") }
        return problems
    }

    @Test func ioFaultsDuringAnExportOverAnEarlierOneLeaveTrueManifests() throws {
        let folder = TestFolder()
        let project = folder.path + "/spot"
        #expect(try runProgram(CLITests.binary, ["new", project]).status == 0)
        let file = project + "/storyboard.toml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
            .replacingOccurrences(of: "width = 1024", with: "width = 256").replacingOccurrences(of: "height = 576", with: "height = 144")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let out = folder.path + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let outputs = [out + "/board.pdf", out + "/sheet.png", out + "/cut.otio", out + "/cut.edl", out + "/keyframes"]
        let injector = try buildInjector(in: folder.path)
        var round = 0
        /// A new title each round, so every run replaces the board, sheet and timelines with different bytes.
        func retitle() throws {
            round += 1
            try text.replacingOccurrences(of: "title = \"spot\"", with: "title = \"Round \(round)\"").write(toFile: file, atomically: true, encoding: .utf8)
        }
        try retitle()
        let first = try export(project, outputs: outputs, kind: "", n: 0, injector: injector)
        try #require(first.status == 0, "the first export failed: \(first.err)")
        var failed = 0, fired = 0, runs = 0
        for kind in (ProcessInfo.processInfo.environment["STORYREEL_FAULT_KINDS"] ?? "rename fsync write").split(separator: " ").map(String.init) {
            try retitle()
            let count = try export(project, outputs: outputs, kind: kind, n: 0, injector: injector).calls
            try #require(count > 0, "no \(kind) calls counted: is the injector loaded?")
            // Every rename; fsyncs (about 30) and writes (hundreds, most of them the PDF's) at 8 points spread over
            // the run, the last included, so the test stays near a minute. STORYREEL_FAULTS_ALL=1 tries every call.
            let all = kind == "rename" || ProcessInfo.processInfo.environment["STORYREEL_FAULTS_ALL"] == "1"
            let points = all ? Array(1...count) : Array(Set(stride(from: 1, through: count, by: max(1, count / 8)) + [count])).sorted()
            for n in points {
                try retitle()
                let r = try export(project, outputs: outputs, kind: kind, n: n, injector: injector)
                runs += 1
                if r.fired { fired += 1 }
                let note = "\(kind) #\(n) of \(count)"
                if r.status != 0 {
                    failed += 1
                    #expect(r.status == 1, "\(note): status \(r.status): \(r.err)")
                    let errors = r.err.split(separator: "\n").filter { $0.hasPrefix("storyreel: error:") }
                    #expect(errors.count == 1 && errors[0].contains("No space left on device"), "\(note): \(r.err)")
                }
                let problems = try inconsistencies(outputs)
                #expect(problems.isEmpty, "\(note): \(problems)")
                #expect(Self.temporaries(under: folder.path).isEmpty, "\(note): left \(Self.temporaries(under: folder.path))")
            }
        }
        print("fault injection: \(runs) exports over an earlier one with the Nth rename/fsync/write failing (ENOSPC); \(fired) faults hit, \(failed) runs failed; every manifest left matched its files")
        #expect(fired == runs && failed > runs / 2)
    }
}
