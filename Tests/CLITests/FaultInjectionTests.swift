import Foundation
import Imaging
import Project
import Testing
import TestSupport
@testable import Render

/// SIGKILL at random moments during render, export and saves: afterwards the project file is whole (the old or the
/// new version), every cache entry and frame that exists verifies, outputs are whole or absent, every temporary
/// left behind names the killed writer, and the next run sweeps them all and completes with the same frames.
@Suite(.serialized) struct FaultInjectionTests {
    func spawn(_ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Every cache file decodes under its own key, and every frame PNG decodes.
    func verify(_ folder: String) throws -> (entries: Int, frames: Int) {
        let fm = FileManager.default
        var entries = 0, frames = 0
        let cache = folder + "/.storyreel/cache/latents"
        for shard in (try? fm.contentsOfDirectory(atPath: cache)) ?? [] {
            for name in (try? fm.contentsOfDirectory(atPath: cache + "/" + shard)) ?? [] where name.hasSuffix(".latent") && !name.hasPrefix(".") {
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: cache + "/" + shard + "/" + name)))
                var key: [UInt8] = []
                var hex = Substring(name.dropLast(".latent".count))
                while hex.count >= 2 {
                    key.append(UInt8(hex.prefix(2), radix: 16)!)
                    hex = hex.dropFirst(2)
                }
                #expect(LatentCache.decode(bytes, key: RenderKey(bytes: key)) != nil, "cache entry \(name) does not verify")
                entries += 1
            }
        }
        for name in (try? fm.contentsOfDirectory(atPath: folder + "/frames")) ?? [] where name.hasSuffix(".png") && !name.hasPrefix(".") {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/frames/" + name)))
            #expect((try? PNGDecoder.decode(bytes)) != nil, "frame \(name) is damaged")
            frames += 1
        }
        return (entries, frames)
    }

    /// Temporary files anywhere under `folder`: the three kinds storyreel writes (atomic writes, encodes, logs).
    static func temporaries(under folder: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            if name.contains(".tmp-") || name.contains(".partial-") || name.contains(".ffmpeg-") { found.append(path) }
        }
        return found
    }

    /// Waits (at most `seconds`) until no process has `fragment` in its command line: an ffmpeg orphaned by a
    /// killed export finishes its file on its own, and must be done before the next run sweeps.
    static func waitForNoProcess(mentioning fragment: String, seconds: Double = 15) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            let busy = pids.contains { pid in
                guard pid.allSatisfy(\.isNumber), let cmd = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
                return String(decoding: cmd, as: UTF8.self).contains(fragment)
            }
            if !busy { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    @Test func killsDuringRenderAndExportLoseNothing() throws {
        let folder = TestFolder()
        let project = folder.path + "/storyboard.toml"
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Examples/sofa-spot/storyboard.toml", toPath: project)
        let original = try Data(contentsOf: URL(fileURLWithPath: project))
        var generator = SystemRandomNumberGenerator()
        var kills = 0, finished = 0
        var left: [String: Int] = [:]  // temporaries the kills left, by kind
        var killedPIDs: Set<Int32> = []
        for round in 0..<16 {
            if round % 8 == 0 {
                try? FileManager.default.removeItem(atPath: folder.path + "/.storyreel")
                try? FileManager.default.removeItem(atPath: folder.path + "/frames")
            }
            let args: [String]
            let wait: ClosedRange<Double>
            switch round % 4 {
            case 1:
                args = ["export", folder.path, "--pdf", folder.path + "/board.pdf"]
                wait = 0.02...0.8
            case 3:
                args = ["export", folder.path, "--mp4", folder.path + "/cut.mp4", "--sheet", folder.path + "/sheet.png"]
                wait = 0.05...2.5
            default:
                args = ["render", folder.path]
                wait = 0.02...0.6
            }
            let p = try spawn(args)
            Thread.sleep(forTimeInterval: Double.random(in: wait, using: &generator))
            let killed = p.isRunning && kill(p.processIdentifier, SIGKILL) == 0
            p.waitUntilExit()
            if killed && p.terminationReason == .uncaughtSignal {
                kills += 1
            } else {
                // Not killed in time: then it must have finished cleanly.
                #expect(p.terminationReason == .exit && p.terminationStatus == 0, "\(args[0]) exited with \(p.terminationStatus)")
                finished += 1
            }
            Self.waitForNoProcess(mentioning: ".partial-\(p.processIdentifier)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: project)) == original)
            _ = try verify(folder.path)
            if FileManager.default.fileExists(atPath: folder.path + "/board.pdf") {
                let info = try runProgram("/usr/bin/env", ["pdfinfo", folder.path + "/board.pdf"])
                #expect(info.status == 0, "board.pdf is damaged after a kill")
            }
            if FileManager.default.fileExists(atPath: folder.path + "/cut.mp4") {
                let probe = try runProgram("/usr/bin/env", ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", folder.path + "/cut.mp4"])
                #expect(probe.status == 0 && (Double(probe.out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 29, "cut.mp4 is damaged after a kill")
            }
            if FileManager.default.fileExists(atPath: folder.path + "/sheet.png") {
                #expect((try? PNGDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/sheet.png"))))) != nil)
            }
            // What a kill leaves is named after the killed writer, so the next run can tell it from a live one's. An
            // earlier round's leftover may still be there: a run killed before it took the lock had no time to sweep.
            if killed { killedPIDs.insert(p.processIdentifier) }
            for path in Self.temporaries(under: folder.path) {
                let name = (path as NSString).lastPathComponent
                #expect(LeftoverName(name)?.pid.map { killedPIDs.contains($0) } == true, "\(path) does not name a killed pid (\(killedPIDs.sorted()))")
                let kind = name.contains(".partial-") ? "partial" : name.contains(".ffmpeg-") ? "ffmpeg log" : "tmp"
                left[kind, default: 0] += 1
            }
        }
        let kinds = left.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        print("fault injection: \(kills) of 16 render/export runs killed with SIGKILL mid-run (\(finished) finished first); temporaries they left: \(kinds.isEmpty ? "none" : kinds)")
        // A run after all that completes, and its frames equal those of an untouched project.
        let finish = try spawn(["render", folder.path])
        finish.waitUntilExit()
        #expect(finish.terminationStatus == 0)
        let clean = TestFolder()
        try FileManager.default.copyItem(atPath: project, toPath: clean.path + "/storyboard.toml")
        let reference = try spawn(["render", clean.path])
        reference.waitUntilExit()
        for name in try FileManager.default.contentsOfDirectory(atPath: clean.path + "/frames") where name.hasSuffix(".png") {
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/frames/" + name)) == Data(contentsOf: URL(fileURLWithPath: clean.path + "/frames/" + name)), "\(name) differs")
        }
        let counts = try verify(folder.path)
        #expect(counts.frames == 12 && counts.entries >= 12)
        // The last run swept what the killed ones left half-written: atomic writes, partial encodes and logs.
        #expect(Self.temporaries(under: folder.path).isEmpty, "left behind: \(Self.temporaries(under: folder.path))")
    }

    /// The studio saves storyboard.toml on every change; `s` (new seed) changes the first shot's seed and saves.
    /// Killed at random moments during a burst of saves, the file is always the old or a new version, whole.
    @Test func killsDuringSavesLeaveTheOldOrTheNewProject() throws {
        let folder = TestFolder()
        let project = folder.path + "/storyboard.toml"
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Examples/horse-beach/storyboard.toml", toPath: project)
        let original = try String(contentsOfFile: project, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let seedLine = try #require(original.firstIndex { $0.hasPrefix("seed = ") })
        let tmux = TmuxHost(socket: "storyreel-fault-\(getpid())")
        defer { tmux.stop() }
        var generator = SystemRandomNumberGenerator()
        var kills = 0, changed = 0, temporariesLeft = 0
        var previous = original
        let deadline = Date().addingTimeInterval(30)
        for round in 0..<10 where Date() < deadline {
            try? FileManager.default.removeItem(atPath: folder.path + "/.storyreel/lock")
            try tmux.start(session: "save\(round)", command: "exec \(CLITests.binary) studio \(folder.path)")
            guard let pid = Self.lockHolder(folder.path, seconds: 15) else {
                Issue.record("the studio did not take the project lock")
                break
            }
            // Keys typed before ncurses takes the terminal could sit in a cooked line buffer: wait for the screen.
            _ = try tmux.waitForScreen(session: "save\(round)", containing: "Open Shore", seconds: 10)
            try tmux.send(session: "save\(round)", keys: Array(repeating: "s", count: 12))
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.3, using: &generator))
            if kill(pid, SIGKILL) == 0 { kills += 1 }
            let gone = Date().addingTimeInterval(10)
            while kill(pid, 0) == 0 && Date() < gone { Thread.sleep(forTimeInterval: 0.01) }

            let text = try String(contentsOfFile: project, encoding: .utf8)
            #expect(throws: Never.self, "round \(round): the project does not load") { _ = try ProjectFile.load(folder: folder.path) }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == original.count)
            for (i, (now, before)) in zip(lines, original).enumerated() where now != before {
                // Only the first shot's seed may differ: the file is the original or one of the saved versions.
                #expect(i == seedLine && now.hasPrefix("seed = ") && UInt32(now.dropFirst(7)) != nil, "line \(i + 1) is now '\(now)'")
            }
            if lines != previous { changed += 1 }
            previous = lines
            for path in Self.temporaries(under: folder.path) {
                #expect(LeftoverName((path as NSString).lastPathComponent)?.pid == pid, "\(path) does not name the killed studio \(pid)")
                temporariesLeft += 1
            }
        }
        print("fault injection: \(kills) studio runs killed with SIGKILL during bursts of saves; \(changed) left a newer version than the run before, \(kills - changed) the same; \(temporariesLeft) temporaries left behind")
        #expect(kills > 0)
        // The next writer sweeps what the killed saves left, and the project renders.
        let render = try runProgram(CLITests.binary, ["render", folder.path])
        #expect(render.status == 0, "\(render.err)")
        #expect(Self.temporaries(under: folder.path).isEmpty, "left behind: \(Self.temporaries(under: folder.path))")
    }

    /// `storyreel new` writes a fresh storyboard.toml: killed at any moment, it is absent or whole.
    @Test func killsDuringNewLeaveNoHalfProject() throws {
        let folder = TestFolder()
        let reference = try runProgram(CLITests.binary, ["new", folder.path + "/reference"])
        #expect(reference.status == 0)
        let expected = try String(contentsOfFile: folder.path + "/reference/storyboard.toml", encoding: .utf8)
        var generator = SystemRandomNumberGenerator()
        var kills = 0, whole = 0, absent = 0
        for round in 0..<8 {
            // Same folder name each round, so the title (the folder's name) and so the expected text are the same.
            let dir = folder.path + "/round\(round)/reference"
            try FileManager.default.createDirectory(atPath: folder.path + "/round\(round)", withIntermediateDirectories: false)
            let p = try spawn(["new", dir])
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.15, using: &generator))
            if p.isRunning && kill(p.processIdentifier, SIGKILL) == 0 { kills += 1 }
            p.waitUntilExit()
            if let text = try? String(contentsOfFile: dir + "/storyboard.toml", encoding: .utf8) {
                #expect(text == expected, "round \(round): storyboard.toml is not the whole starter project")
                whole += 1
            } else {
                #expect(!FileManager.default.fileExists(atPath: dir + "/storyboard.toml"))
                absent += 1
            }
            for path in Self.temporaries(under: folder.path + "/round\(round)") {
                #expect(LeftoverName((path as NSString).lastPathComponent)?.pid == p.processIdentifier)
            }
        }
        print("fault injection: \(kills) of 8 'storyreel new' runs killed with SIGKILL; \(whole) left a whole project, \(absent) none")
    }

    /// The pid in the project's lock note once a process holds it (within `seconds`).
    static func lockHolder(_ folder: String, seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let note = try? String(contentsOfFile: folder + "/.storyreel/lock", encoding: .utf8), note.hasPrefix("pid "),
               let pid = Int32(note.dropFirst(4).prefix(while: \.isNumber)) {
                return pid
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return nil
    }
}
