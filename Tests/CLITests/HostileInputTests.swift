import Foundation
import Testing
import TestSupport

/// Project folders and files built to hurt: a 10 MB prompt, shot ids that try to leave the folder or carry control
/// characters, a folder or a FIFO where a file should be. Each gets one clear message and its exit status, never a
/// hang, a crash, or a file written outside the project.
@Suite struct HostileInputTests {
    func storyreel(_ arguments: [String], timeout: Double = 60) throws -> (out: String, err: String, status: Int32) {
        try runProgram(CLITests.binary, arguments, timeout: timeout)
    }

    /// Every path under `folder` with its size, to show that nothing was written.
    func listing(_ folder: String) -> [String: Int] {
        var out: [String: Int] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            out[path] = (try? FileManager.default.attributesOfItem(atPath: folder + "/" + path)[.size] as? Int) ?? -1
        }
        return out
    }

    @Test func tenMegabytePromptIsRejectedWithItsPlace() throws {
        let folder = TestFolder()
        let path = folder.path + "/storyboard.toml"
        let prefix = "title = \"huge\"\n[[shot]]\nid = \"a\"\n"
        let key = "prompt = "
        let prompt = String(repeating: "a horse on the beach ", count: (10 << 20) / 21 + 1)
        try (prefix + key + "\"" + prompt + "\"\n").write(toFile: path, atomically: true, encoding: .utf8)
        let started = Date()
        let result = try storyreel(["render", folder.path])
        // Where the value starts: the line after the prefix's lines, the column after "prompt = ".
        let line = prefix.split(separator: "\n").count + 1
        #expect(result.status == 2, "\(result.err.prefix(300))")
        #expect(result.err.contains("storyboard.toml:\(line):\(key.count + 1):"), "\(result.err.prefix(300))")
        #expect(result.err.contains("\(prompt.utf8.count) bytes"), "\(result.err.prefix(300))")
        // One line, and the prompt is not echoed back.
        #expect(result.err.split(separator: "\n").count == 1 && result.err.utf8.count < 500)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/frames"))
        print("hostile input: a \(prompt.utf8.count)-byte prompt rejected in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
    }

    /// Ids as written in TOML (escapes included) and what the message must show of them.
    @Test(arguments: [
        ("a/b", "a/b"), ("..", ".."), ("../../x", "../../x"), ("/etc/passwd", "/etc/passwd"), ("a\\\\b", "a\\b"),
        ("x\\u0007y", "x\\u{7}y"), ("s01\\u0000", "s01\\u{0}"), ("s\\u001b[2J", "s\\u{1b}[2J"), ("tab\\there", "tab\\u{9}here"),
        (".hidden", ".hidden"), ("café", "café"), (String(repeating: "a", count: 65), "longer than 64"),
    ])
    func hostileShotIDsAreRejectedAndWriteNothing(written: String, shown: String) throws {
        let folder = TestFolder()
        let project = folder.path + "/project"
        try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: false)
        let text = "[[shot]]\nid = \"\(written)\"\nprompt = \"a horse on the beach\"\n"
        try text.write(toFile: project + "/storyboard.toml", atomically: true, encoding: .utf8)
        let before = listing(folder.path)
        for command in [["render", project], ["export", project, "--frames", project + "/out"]] {
            let result = try storyreel(command)
            #expect(result.status == 2, "\(command[0]) \(written): \(result.err)")
            #expect(result.err.contains("storyboard.toml:2:6:") && result.err.contains("shot id"), "\(result.err)")
            #expect(result.err.contains(shown), "\(result.err)")
            #expect(result.err.split(separator: "\n").count == 1, "\(result.err)")
            // No control character reaches the terminal.
            #expect(!result.err.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F }, "\(result.err.debugDescription)")
        }
        #expect(listing(folder.path) == before)
    }

    @Test func hostileShotArgumentsAreRejected() throws {
        let folder = TestFolder()
        _ = try storyreel(["new", folder.path + "/p"])
        for id in ["../s01", "s01/../s02", "\u{07}", "s01\u{1B}[2J"] {
            let result = try storyreel(["render", folder.path + "/p", "--shot", id])
            #expect(result.status == 2 && result.err.contains("no shot"), "\(result.err)")
            #expect(!result.err.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(result.err.debugDescription)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/p/frames"))
    }

    @Test func folderOrFIFOWhereTheProjectFileShouldBe() throws {
        for kind in ["folder", "fifo"] {
            let folder = TestFolder()
            let path = folder.path + "/storyboard.toml"
            if kind == "folder" {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            } else {
                #expect(mkfifo(path, 0o644) == 0)
            }
            for command in [["render", folder.path], ["export", folder.path, "--pdf", folder.path + "/b.pdf"], ["studio", folder.path]] {
                // A FIFO nobody writes to would block a plain open() forever: the timeout turns a hang into a failure.
                let result = try storyreel(command, timeout: 20)
                #expect(result.status == 2, "\(kind), \(command[0]): \(result.status) \(result.err)")
                #expect(result.err.contains(path) && result.err.contains("not a regular file"), "\(result.err)")
                #expect(result.err.split(separator: "\n").count == 1)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["storyboard.toml"])
        }
    }

    @Test func showRefusesWhatIsNotAPNGFile() throws {
        let folder = TestFolder()
        let fifo = folder.path + "/frame.png"
        #expect(mkfifo(fifo, 0o644) == 0)
        try FileManager.default.createDirectory(atPath: folder.path + "/dir.png", withIntermediateDirectories: false)
        try Data("not a png at all".utf8).write(to: URL(fileURLWithPath: folder.path + "/text.png"))
        // A real PNG cut short: its signature and header, then nothing.
        _ = try storyreel(["new", folder.path + "/p"])
        _ = try storyreel(["render", folder.path + "/p", "--shot", "s01"])
        let png = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/p/frames/s01.png"))
        try png.prefix(60).write(to: URL(fileURLWithPath: folder.path + "/short.png"))
        for (name, words) in [("frame.png", "not a regular file"), ("dir.png", "not a regular file"), ("text.png", "not a PNG"),
                              ("short.png", "truncated"), ("missing.png", "No such file")] {
            let result = try storyreel(["show", folder.path + "/" + name, "--mode", "halfblock"], timeout: 20)
            #expect(result.status == 2, "\(name): \(result.status) \(result.err)")
            #expect(result.err.contains(folder.path + "/" + name) && result.err.contains(words), "\(name): \(result.err)")
            #expect(result.out.isEmpty && result.err.split(separator: "\n").count == 1, "\(name): \(result.err)")
        }
    }
}
