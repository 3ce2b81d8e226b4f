import Foundation
import Testing
import TestSupport

/// Hostile text (CSI 2J, OSC 0/8/52, DCS, APC, `\r`, C1 controls, bidi overrides…) put into every input that
/// reaches the terminal: command-line arguments, shot ids, unknown keys and model strings in storyboard.toml, file
/// names, ffmpeg's stderr, and prompts, titles and notes in the studio. Every command runs on a pseudo-terminal and
/// the bytes it wrote are scanned: none is a control character except our own line ends and progress redraws.
@Suite struct HostileTerminalTextTests {
    /// 30 hostile strings; each ends in a marker `PWNn` so a test can see that it went through the path.
    static let hostile: [String] = [
        "\u{1B}[2J", "\u{1B}]0;title\u{07}", "\u{1B}]8;;http://evil.example/\u{1B}\\link\u{1B}]8;;\u{1B}\\",
        "\u{1B}]52;c;cGF5bG9hZA==\u{07}", "\u{1B}P1$qm\u{1B}\\", "over\rwrite", "\u{9B}2J", "\u{9D}0;t\u{9C}",
        "\u{90}q\u{9C}", "\u{202E}gpj.exe", "\u{2066}iso\u{2069}", "\u{202A}\u{202B}\u{202C}\u{202D}",
        "\u{200F}\u{200E}\u{061C}", "\u{7F}del", "\u{08}\u{08}bs", "\u{07}bell", "\u{1B}[?1049h",
        "\u{1B}[6n", "\u{1B}[21t", "\u{1B}c", "\u{1B}(0", "\u{1B}#8", "\u{1B}[1;31mred",
        "\u{1B}_apc\u{1B}\\", "\u{1B}^pm\u{1B}\\", "\u{1B}Xsos\u{1B}\\", "\u{1B}[200~paste\u{1B}[201~",
        "\u{1B}Ptmux;\u{1B}\u{1B}]0;x\u{07}\u{1B}\\", "\u{85}nel\u{84}ind", "\u{0B}\u{0C}vt-ff\u{1B}[3J",
    ].enumerated().map { "\($1)PWN\($0)" }

    /// What may not reach the terminal, decided here independently of the code under test: C0 controls other than
    /// our newline, DEL, C1 controls and the bidi controls.
    static func offences(_ bytes: [UInt8]) -> [String] {
        var text = bytes
        // Our own progress redraw ("\r" + erase line) and the terminal's "\r\n" for a newline are allowed.
        text = replace(text, Array("\r\u{1B}[2K".utf8), with: [])
        text = replace(text, [0x0D, 0x0A], with: [0x0A])
        var found: [String] = []
        for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
            let v = scalar.value
            if (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || [0x061C, 0x200E, 0x200F].contains(v)
                || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                found.append(String(format: "U+%04X", v))
            }
        }
        return found
    }

    static func replace(_ bytes: [UInt8], _ pattern: [UInt8], with replacement: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [], i = 0
        while i < bytes.count {
            if i + pattern.count <= bytes.count && Array(bytes[i..<(i + pattern.count)]) == pattern {
                out += replacement
                i += pattern.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    /// Runs each job (argv, extra environment, keys to type after 1.5 s or nothing) on its own pseudo-terminal;
    /// per job, the exit status and every byte the terminal received.
    static func onTerminal(_ jobs: [(args: [String], env: [String: String], keys: String?)]) throws -> [(status: Int, bytes: [UInt8])] {
        let driver = """
            import json, os, pty, select, sys, time
            jobs = json.load(sys.stdin)
            results = []
            for job in jobs:
                pid, fd = pty.fork()
                if pid == 0:
                    env = dict(os.environ); env.update(job["env"])
                    os.execve(job["args"][0], job["args"], env)
                out, start, sent = b"", time.time(), False
                while True:
                    if job["keys"] is not None and not sent and time.time() - start > 1.5:
                        os.write(fd, job["keys"].encode()); sent = True
                    if time.time() - start > 30:
                        os.kill(pid, 9)
                    ready, _, _ = select.select([fd], [], [], 0.1)
                    if ready:
                        try:
                            chunk = os.read(fd, 65536)
                        except OSError:
                            break
                        if not chunk:
                            break
                        out += chunk
                _, status = os.waitpid(pid, 0)
                results.append({"status": os.waitstatus_to_exitcode(status), "hex": out.hex()})
            print(json.dumps(results))
            """
        let input = try JSONSerialization.data(withJSONObject: jobs.map { ["args": $0.args, "env": $0.env, "keys": $0.keys as Any] })
        let environment = ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "TERM": "xterm-256color", "LANG": "C.UTF-8"]
        let r = try runProgram("/usr/bin/env", ["python3", "-c", driver], stdin: input, environment: environment, timeout: 600)
        try #require(r.status == 0, "pty driver: \(r.err)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
        return parsed.map { job in
            let hex = Array((job["hex"] as? String ?? "").utf8)
            let bytes = stride(from: 0, to: hex.count - 1, by: 2).map { UInt8(String(decoding: hex[$0...($0 + 1)], as: UTF8.self), radix: 16) ?? 0 }
            return (job["status"] as? Int ?? -1, bytes)
        }
    }

    func newProject(in folder: TestFolder) throws -> String {
        let dir = folder.path + "/spot"
        #expect(try runProgram(CLITests.binary, ["new", dir]).status == 0)
        return dir
    }

    /// TOML basic-string escapes for `text` (\uXXXX for every non-ASCII or control scalar), so the file holds it.
    static func toml(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { s in
            s.value < 0x20 || s.value >= 0x7F || s == "\"" || s == "\\" ? String(format: "\\u%04X", s.value) : String(s)
        }.joined() + "\""
    }

    @Test func commandLineMessagesShowHostileTextEscaped() throws {
        let folder = TestFolder()
        let dir = try newProject(in: folder)
        var jobs: [(args: [String], env: [String: String], keys: String?)] = []
        // The status each job must end with: 2 for bad input, 1 where the work failed (an unwritable folder).
        var echoes: [Int32?] = []
        for text in Self.hostile {
            // A shot id on the command line, an image path, an output folder, an option value (ArgumentParser's
            // own message) and a prompt to explain.
            jobs.append(([CLITests.binary, "render", dir, "--shot", text], [:], nil))
            echoes.append(2)
            jobs.append(([CLITests.binary, "show", folder.path + "/" + text + ".png"], [:], nil))
            echoes.append(2)
            jobs.append(([CLITests.binary, "export", dir, "--pdf", "/nonexistent/" + text + "/b.pdf"], [:], nil))
            echoes.append(1)
            jobs.append(([CLITests.binary, "show", "x.png", "--cols", text], [:], nil))
            echoes.append(2)
            jobs.append(([CLITests.binary, "explain", "wide shot of a horse " + text], [:], nil))
            echoes.append(nil)
        }
        let results = try Self.onTerminal(jobs)
        #expect(results.count == jobs.count)
        for (i, result) in results.enumerated() {
            let job = jobs[i], marker = "PWN\(i / 5)"
            let offences = Self.offences(result.bytes)
            #expect(offences.isEmpty, "\(job.args.dropFirst().prefix(2)) \(marker): \(offences) in \(String(decoding: result.bytes, as: UTF8.self).debugDescription)")
            if let status = echoes[i] {
                #expect(result.status == status, "\(job.args.dropFirst().prefix(2)) \(marker): status \(result.status)")
                #expect(String(decoding: result.bytes, as: UTF8.self).contains(marker), "\(job.args.dropFirst().prefix(2)) \(marker) not shown")
            } else {
                #expect(result.status == 0)
            }
        }
    }

    @Test func projectFileTextIsEscapedInWarningsAndErrors() throws {
        let folder = TestFolder()
        let dir = try newProject(in: folder)
        let original = try String(contentsOfFile: dir + "/storyboard.toml", encoding: .utf8)
        let keys = Self.hostile.map { "\(Self.toml($0)) = 1" }.joined(separator: "\n")
        let texts = [
            // Unknown keys: warned about, and the render goes on (with its progress lines).
            keys + "\n" + original,
            // A model string and a shot id: errors quoting the value.
            original.replacingOccurrences(of: "model = \"sketch\"", with: "model = \(Self.toml(Self.hostile[1]))"),
            original + "\n[[shot]]\nid = \(Self.toml(Self.hostile[7]))\nprompt = \"a dog\"\nseed = 1\nduration = 1.0\n",
        ]
        var jobs: [(args: [String], env: [String: String], keys: String?)] = []
        for (n, text) in texts.enumerated() {
            let sub = folder.path + "/p\(n)"
            try FileManager.default.copyItem(atPath: dir, toPath: sub)
            try text.write(toFile: sub + "/storyboard.toml", atomically: true, encoding: .utf8)
            jobs.append(([CLITests.binary, "render", sub], [:], nil))
        }
        let results = try Self.onTerminal(jobs)
        try #require(results.count == 3)
        for (i, result) in results.enumerated() {
            let shown = String(decoding: result.bytes, as: UTF8.self)
            #expect(Self.offences(result.bytes).isEmpty, "job \(i): \(Self.offences(result.bytes)) in \(shown.debugDescription)")
        }
        let warned = String(decoding: results[0].bytes, as: UTF8.self)
        #expect(results[0].status == 0 && (0..<30).allSatisfy { warned.contains("PWN\($0)'") }, "\(warned.debugDescription)")
        #expect(results[1].status == 2 && String(decoding: results[1].bytes, as: UTF8.self).contains("PWN1"))
        #expect(results[2].status == 2 && String(decoding: results[2].bytes, as: UTF8.self).contains("PWN7"))
    }

    @Test func ffmpegStderrIsEscaped() throws {
        let folder = TestFolder()
        let dir = try newProject(in: folder)
        var jobs: [(args: [String], env: [String: String], keys: String?)] = []
        // Three strings a run, since the error quotes ffmpeg's last four lines (and "\r" starts one); the fake prints
        // them and fails.
        for group in stride(from: 0, to: 30, by: 3) {
            let bin = folder.path + "/bin\(group)"
            try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
            try Self.hostile[group..<min(30, group + 3)].joined(separator: "\n").write(toFile: bin + "/said", atomically: true, encoding: .utf8)
            try "#!/bin/sh\ncat \(bin)/said >&2\nexit 1\n".write(toFile: bin + "/ffmpeg", atomically: true, encoding: .utf8)
            chmod(bin + "/ffmpeg", 0o755)
            jobs.append(([CLITests.binary, "export", dir, "--mp4", folder.path + "/cut\(group).mp4"], ["PATH": bin + ":/usr/bin:/bin"], nil))
        }
        let results = try Self.onTerminal(jobs)
        for (n, result) in results.enumerated() {
            let shown = String(decoding: result.bytes, as: UTF8.self)
            #expect(result.status == 1, "group \(n): \(shown.debugDescription)")
            #expect(Self.offences(result.bytes).isEmpty, "group \(n): \(Self.offences(result.bytes)) in \(shown.debugDescription)")
            for i in (n * 3)..<min(30, n * 3 + 3) { #expect(shown.contains("PWN\(i)"), "PWN\(i) not in \(shown.debugDescription)") }
        }
    }

    @Test func studioDrawsHostileProjectTextEscaped() throws {
        let folder = TestFolder()
        let dir = try newProject(in: folder)
        var text = "title = \(Self.toml(Self.hostile.prefix(6).joined()))\nwidth = 256\nheight = 144\nfps = 12\n"
        for (i, hostile) in Self.hostile.enumerated() {
            text += "\n[[shot]]\nid = \"s\(i)\"\nprompt = \(Self.toml("a dog " + hostile))\nseed = \(i)\nduration = 1.0\n"
            text += "action = \(Self.toml(hostile))\nnotes = \(Self.toml(hostile))\ndialogue = \(Self.toml(hostile))\n"
        }
        try text.write(toFile: dir + "/storyboard.toml", atomically: true, encoding: .utf8)
        // Down through the first shots, so each one's fields are drawn, then quit.
        let results = try Self.onTerminal([([CLITests.binary, "studio", dir], ["STORYREEL_GRAPHICS": "halfblock"], "jjjjjjq")])
        let bytes = try #require(results.first).bytes
        #expect(results.first?.status == 0)
        let shown = String(decoding: bytes, as: UTF8.self)
        #expect(shown.contains("PWN0"), "the studio never drew the prompts")
        // ncurses writes its own CSI sequences, so here the scan is for what ncurses never sends: string controls
        // (OSC, DCS, APC, PM, SOS), C1 and bidi controls, and each hostile string as it was.
        for introducer in ["\u{1B}]", "\u{1B}P", "\u{1B}_", "\u{1B}^", "\u{1B}X"] {
            #expect(!shown.contains(introducer), "\(introducer.debugDescription) reached the terminal")
        }
        #expect(!shown.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
        for hostile in Self.hostile { #expect(!bytes.containsSequence(Array(hostile.utf8)), "\(hostile.debugDescription) reached the terminal raw") }
    }
}

extension [UInt8] {
    func containsSequence(_ pattern: [UInt8]) -> Bool {
        guard !pattern.isEmpty, pattern.count <= count else { return false }
        return (0...(count - pattern.count)).contains { Array(self[$0..<($0 + pattern.count)]) == pattern }
    }
}
