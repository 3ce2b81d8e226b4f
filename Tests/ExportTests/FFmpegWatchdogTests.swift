import Foundation
import Project
import Testing
import TestSupport
@testable import Export

/// The animatic export against fake `ffmpeg` scripts that hang, ignore SIGTERM, die half-way or flood stderr:
/// each export fails in bounded time with ffmpeg's words (sanitised), leaves no file at the target (an older one
/// stays as it was), no temporary beside it, and no process behind.
@Suite struct FFmpegWatchdogTests {
    /// 24 frames of 64 × 36 RGB, 6,912 bytes each: more than a pipe holds, so a child that reads nothing blocks us.
    static let frameBytes = 64 * 36 * 3, frames = 24

    func project() -> Project {
        var p = Project(title: "Watchdog", client: "", width: 64, height: 36, fps: 12)
        p.defaults.steps = 2
        p.shots = [Shot(id: "a", prompt: "a car on a road", seed: 1, duration: 1),
                   Shot(id: "b", prompt: "a dog in the park", seed: 2, duration: 1)]
        return p
    }

    /// Writes `body` as `bin/ffmpeg` in `folder`: a POSIX sh script whose pid (and its children's) go to `pids`, and
    /// whose output path (the last argument) is `$out`.
    func fake(_ body: String, in folder: TestFolder) throws -> String {
        let bin = folder.path + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let script = "#!/bin/sh\nfor a; do out=$a; done\necho $$ >> \(folder.path)/pids\n\(body)\n"
        try script.write(toFile: bin + "/ffmpeg", atomically: true, encoding: .utf8)
        chmod(bin + "/ffmpeg", 0o755)
        return bin
    }

    /// Runs the MP4 export with the fake; the error, the seconds it took, and what the folder holds afterwards.
    func export(with body: String, stall: Double, in folder: TestFolder) throws -> (error: ExportError?, seconds: Double, files: [String]) {
        var options = ExportOptions()
        options.mp4 = folder.path + "/out/cut.mp4"
        options.ffmpegSearchPath = try fake(body, in: folder)
        options.ffmpegStallTimeout = stall
        try FileManager.default.createDirectory(atPath: folder.path + "/out", withIntermediateDirectories: true)
        let exporter = Exporter(folder: folder.path, project: project())
        // Render first, so the timing below is the encode's alone.
        var frames = ExportOptions()
        frames.framesFolder = folder.path + "/frames"
        _ = try exporter.run(frames)
        if FileManager.default.fileExists(atPath: folder.path + "/old.mp4") {
            try FileManager.default.copyItem(atPath: folder.path + "/old.mp4", toPath: options.mp4!)
        }
        let start = ContinuousClock.now
        var failure: ExportError?
        do { _ = try exporter.run(options) } catch let error as ExportError { failure = error }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out").sorted()
        return (failure, seconds, files)
    }

    /// The processes the fake started, by pid.
    func pids(in folder: TestFolder) -> [Int32] {
        ((try? String(contentsOfFile: folder.path + "/pids", encoding: .utf8)) ?? "").split(separator: "\n").compactMap { Int32($0) }
    }

    /// The state letter in /proc/PID/stat ("R", "S", "Z"…), nil when there is no such process.
    func state(_ pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(close, offsetBy: 2)...].split(separator: " ").first.map(String.init)
    }

    /// Our child is reaped (no zombie); anything it started is dead too (gone, or a zombie left for init to reap).
    func expectNothingLeft(_ folder: TestFolder, _ note: String) {
        let all = pids(in: folder)
        #expect(!all.isEmpty, "\(note): the fake never ran")
        if let first = all.first { #expect(state(first) == nil, "\(note): ffmpeg \(first) left as \(state(first) ?? "")") }
        for pid in all.dropFirst() {
            var alive = state(pid)
            for _ in 0..<50 where alive != nil && alive != "Z" {
                usleep(20_000)
                alive = state(pid)
            }
            #expect(alive == nil || alive == "Z", "\(note): ffmpeg's child \(pid) still \(alive ?? "")")
        }
    }

    @Test func hangingFFmpegIsStoppedAfterTheStallTimeout() throws {
        let folder = TestFolder()
        let r = try export(with: "sleep 600 &\necho $! >> \(folder.path)/pids\nwait", stall: 1, in: folder)
        print("watchdog: a hung ffmpeg was stopped after \(r.seconds) s (stall timeout 1 s, SIGTERM)")
        #expect(r.error?.message.contains("ffmpeg made no progress for 1 s") == true, "\(r.error?.message ?? "no error")")
        #expect(r.seconds >= 1 && r.seconds < 2.5, "\(r.seconds) s")
        #expect(r.files == [], "\(r.files)")
        expectNothingLeft(folder, "hang")
    }

    @Test func ffmpegIgnoringSIGTERMIsKilled() throws {
        let folder = TestFolder()
        let r = try export(with: "trap '' TERM\nsleep 600 &\necho $! >> \(folder.path)/pids\nwait\nwait", stall: 1, in: folder)
        print("watchdog: an ffmpeg ignoring SIGTERM was killed after \(r.seconds) s (1 s stall + 2 s grace)")
        #expect(r.error?.message.contains("made no progress") == true, "\(r.error?.message ?? "no error")")
        #expect(r.seconds >= 1 + FFmpegEncoder.grace && r.seconds < 2 + FFmpegEncoder.grace + 1.5, "\(r.seconds) s")
        #expect(r.files == [], "\(r.files)")
        expectNothingLeft(folder, "ignores TERM")
    }

    @Test func ffmpegDyingHalfWayKeepsTheOldFileAndSaysWhy() throws {
        let folder = TestFolder()
        let old = Array("the previous cut".utf8)
        try Data(old).write(to: URL(fileURLWithPath: folder.path + "/old.mp4"))
        let half = Self.frameBytes * Self.frames / 2
        let r = try export(with: "head -c \(half) > /dev/null\nprintf 'half a file' > \"$out\"\necho 'frame 12: broken pipe to muxer' >&2\nexit 1",
                           stall: 20, in: folder)
        let message = r.error?.message ?? "no error"
        #expect(message.contains("ffmpeg said: frame 12: broken pipe to muxer"), "\(message)")
        #expect(message.contains("ffmpeg stopped reading frames") || message.contains("exited with status 1"), "\(message)")
        #expect(r.seconds < 10, "\(r.seconds) s")
        #expect(r.files == ["cut.mp4"], "\(r.files)")
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: folder.path + "/out/cut.mp4"))) == old)
        expectNothingLeft(folder, "dies half-way")
    }

    @Test func floodOfStderrIsBoundedAndSanitised() throws {
        let folder = TestFolder()
        let r = try export(with: """
            head -c 100000000 /dev/zero | tr '\\000' x >&2
            printf '\\nline one\\n\\033]0;pwned\\007\\033[2Jlast \\302\\233words\\033]52;c;Y2xpcA==\\007\\n' >&2
            exit 1
            """, stall: 20, in: folder)
        let message = r.error?.message ?? "no error"
        #expect(message.contains("(the last 64 KiB of 100000"), "\(message.prefix(300))")
        #expect(message.contains("line one / \\u{1b}]0;pwned\\u{7}\\u{1b}[2Jlast \\u{9b}words\\u{1b}]52;c;Y2xpcA==\\u{7}"), "\(message.suffix(300))")
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(message.count < 1000, "\(message.count) characters")
        #expect(r.files == [], "\(r.files)")
        expectNothingLeft(folder, "flood")
    }

    @Test func workingFFmpegGetsEveryFrameAndTheFileMovesIntoPlace() throws {
        let folder = TestFolder()
        // The fake keeps every frame byte it is given and leaves a real (if tiny) MP4, which the exporter then signs.
        let template = folder.path + "/template.mp4"
        let made = try runProgram("/usr/bin/env", ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=black:s=64x36:d=0.1",
                                                   "-pix_fmt", "yuv420p", template])
        #expect(made.status == 0, "\(made.err)")
        let r = try export(with: "cat > \(folder.path)/frames.raw\ncp \(template) \"$out\"", stall: 5, in: folder)
        #expect(r.error == nil, "\(r.error?.message ?? "")")
        #expect(r.files == ["cut.mp4", "cut.mp4.manifest.json"], "\(r.files)")
        let size = (try FileManager.default.attributesOfItem(atPath: folder.path + "/frames.raw")[.size] as? Int) ?? 0
        #expect(size == Self.frameBytes * Self.frames)
        expectNothingLeft(folder, "works")
    }

    @Test func stallTimeoutScalesWithTheFrame() {
        #expect(FFmpegEncoder.defaultStallTimeout(width: 64, height: 36) < 31)
        #expect(abs(FFmpegEncoder.defaultStallTimeout(width: 3840, height: 2160) - 46.5888) < 0.001)
    }

    @Test func ringKeepsTheLastBytes() {
        var ring = ByteRing(capacity: 8)
        Array("abc".utf8).withUnsafeBytes { ring.append($0) }
        #expect(ring.bytes == Array("abc".utf8) && ring.dropped == 0)
        Array("defghij".utf8).withUnsafeBytes { ring.append($0) }
        #expect(ring.bytes == Array("cdefghij".utf8) && ring.dropped == 2)
        Array(repeating: UInt8(ascii: "z"), count: 1000).withUnsafeBytes { ring.append($0) }
        #expect(ring.bytes == Array(repeating: UInt8(ascii: "z"), count: 8) && ring.dropped == 1002)
    }
}
