import Foundation
import Testing
import TestSupport

/// `storyreel show` on image bombs and PngSuite's corrupt files, with its address space limited to 1 GiB as a
/// hostile file's victim might run it: one `storyreel: error:` line naming the file, exit 2, and little memory used.
@Suite struct ShowImageBombTests {
    /// Runs `storyreel show FILE` for each file under RLIMIT_AS = 1 GiB; per file: exit status, stdout size and
    /// stderr; last, the largest peak resident memory of any child in KiB (RUSAGE_CHILDREN, the kernel's figure).
    static let driver = """
        import json, resource, subprocess, sys
        binary, files = sys.argv[1], sys.argv[2:]
        def limit():
            resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        for path in files:
            child = subprocess.Popen([binary, "show", "--mode", "halfblock", "--cols", "20", path], preexec_fn=limit,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            out, err = child.communicate(timeout=60)
            print(json.dumps({"path": path, "status": child.returncode, "out": len(out),
                              "err": err.decode("utf-8", "replace")}))
        print(json.dumps({"peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
        """

    func run(_ names: [String], in folder: TestFolder) throws -> (results: [[String: Any]], peakKiB: Int) {
        let made = try runProgram("/usr/bin/env", ["python3", repositoryRoot + "/scripts/png_bombs.py", folder.path])
        try #require(made.status == 0, "png_bombs.py: \(made.err)")
        let paths = names.map { folder.path + "/\($0).png" }
        let r = try runProgram("/usr/bin/env", ["python3", "-c", Self.driver, CLITests.binary] + paths, timeout: 300)
        try #require(r.status == 0, "driver: \(r.err)")
        let lines = try r.out.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        return (Array(lines.dropLast()), lines.last?["peak_kib"] as? Int ?? -1)
    }

    @Test func bombsAndCorruptFilesExitTwoWithOneLine() throws {
        let folder = TestFolder()
        let names = ["bomb-ihdr-1000000x1000000", "bomb-ihdr-16384x16384", "bomb-ztxt-1gb", "bomb-itxt-1gb",
                     "bomb-ztxt-2x7mib", "bomb-chunk-2gib", "bomb-chunk-2gib-1", "bomb-chunk-9mib",
                     "xs1n0g01", "xs2n0g01", "xs4n0g01", "xs7n0g01", "xcrn0g04", "xlfn0g04", "xhdn0g08", "xcsn0g01",
                     "xc1n0g08", "xc9n2c08", "xd0n2c08", "xd3n2c08", "xd9n2c08", "xdtn0g01"]
        let (results, peak) = try run(names, in: folder)
        #expect(results.count == names.count)
        for result in results {
            let path = result["path"] as? String ?? "?"
            let err = result["err"] as? String ?? ""
            #expect(result["status"] as? Int == 2, "\(path): \(err)")
            #expect(result["out"] as? Int == 0, "\(path) wrote to stdout")
            let lines = err.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == 1 && err.hasPrefix("storyreel: error: \(path): PNG: "), "\(path): \(err)")
        }
        // The largest file read is the 9 MiB chunk; nothing a file claims is allocated.
        #expect(peak > 0 && peak < 64 << 10, "peak resident memory \(peak) KiB")
    }

    /// The same limit does not stop a valid file, so the refusals above are the decoder's, not the rlimit's.
    @Test func validFileStillShowsUnderTheSameLimit() throws {
        let folder = TestFolder()
        let (results, _) = try run(["valid-grey8"], in: folder)
        #expect(results.first?["status"] as? Int == 0, "\(results.first?["err"] ?? "")")
        #expect((results.first?["out"] as? Int ?? 0) > 100)
    }
}
