import Foundation
import Storage
import Testing
import TestSupport
@testable import Render

/// Which temporaries a sweep removes: those whose writer is gone (or whose pid a later process reuses), never a
/// live writer's, never files that are not storyreel temporaries.
@Suite struct LeftoverSweeperTests {
    /// The pid of a process that has exited and been reaped.
    func deadPID() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    func touch(_ path: String, secondsAgo: Double = 0) {
        _ = FileManager.default.createFile(atPath: path, contents: Data("half-written".utf8))
        let t = Date().addingTimeInterval(-secondsAgo).timeIntervalSince1970
        var times = [timespec(tv_sec: Int(t), tv_nsec: 0), timespec(tv_sec: Int(t), tv_nsec: 0)]
        _ = utimensat(AT_FDCWD, path, &times, 0)
    }

    @Test func namesOfEveryWriterParse() {
        #expect(LeftoverName(".s01.png.tmp-4242-aB3xYz") == LeftoverName(".s01.png.tmp-4242-aB3xYz"))
        #expect(LeftoverName(".s01.png.tmp-4242-aB3xYz")?.target == "s01.png")
        #expect(LeftoverName(".s01.png.tmp-4242-aB3xYz")?.pid == 4242)
        #expect(LeftoverName(".storyboard.toml.tmp-Qw12Er")?.target == "storyboard.toml")
        #expect(LeftoverName(".storyboard.toml.tmp-Qw12Er")?.pid == nil)
        #expect(LeftoverName(".board.pdf.partial-77")?.target == "board.pdf")
        #expect(LeftoverName(".board.pdf.partial-77")?.pid == 77)
        #expect(LeftoverName(".cut.mp4.partial-78.mp4")?.target == "cut.mp4")
        #expect(LeftoverName(".cut.mp4.partial-78.mp4")?.pid == 78)
        #expect(LeftoverName(".cut.mp4.ffmpeg-79.log")?.pid == 79)
        for other in [".storyreel", "s01.png", ".tmp-123-abcdef", ".x.tmp-12-abc", ".x.partial-", ".x.partial-12a",
                      ".x.partial-0", ".x.ffmpeg-.log", ".x.tmp-99999999999-abcdef", ".gitignore"] {
            #expect(LeftoverName(other) == nil, "\(other)")
        }
    }

    @Test func deadWritersFilesGoLiveOnesStay() throws {
        let folder = TestFolder()
        let dead = try deadPID()
        let live = Process()
        live.executableURL = URL(fileURLWithPath: "/bin/sleep")
        live.arguments = ["30"]
        try live.run()
        defer {
            kill(live.processIdentifier, SIGKILL)
            live.waitUntilExit()
        }
        let me = getpid()
        let gone = [".s01.png.tmp-\(dead)-aaaaaa", ".board.pdf.partial-\(dead)", ".cut.mp4.partial-\(dead).mp4", ".cut.mp4.ffmpeg-\(dead).log"]
        // Written an hour before the live process started: its pid was reused, so the writer is gone.
        let reused = ".sheet.png.tmp-\(live.processIdentifier)-bbbbbb"
        let kept = [".s02.png.tmp-\(live.processIdentifier)-cccccc", ".board.pdf.partial-\(live.processIdentifier)",
                    ".s03.png.tmp-\(me)-dddddd", ".notes.txt", "s01.png", ".x.partial-\(dead).a.b"]
        for name in gone + kept { touch(folder.path + "/" + name) }
        touch(folder.path + "/" + reused, secondsAgo: 3600)
        // A folder with a leftover's name is not a leftover.
        try FileManager.default.createDirectory(atPath: folder.path + "/.dir.partial-\(dead)", withIntermediateDirectories: false)
        let removed = LeftoverSweeper.sweep(folder: folder.path, targets: nil, pidlessBefore: nil)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(removed == gone.count + 1)
        #expect(left == Set(kept + [".dir.partial-\(dead)"]), "\(left)")
    }

    @Test func anotherHostsTemporariesAreJudgedByAgeNotByPid() throws {
        // On shared storage a farm node's pid means nothing here: a dead pid on another host's file is not a reason
        // to remove it; only a day without a write is.
        let folder = TestFolder()
        let dead = try deadPID()
        let other = HostTag.tag(for: "farm-node-07")
        #expect(other != HostTag.current && other.count == 8)
        let written = ".s01.png.tmp-\(dead)@\(other)-aaaaaa"
        #expect(LeftoverName(written)?.host == other && LeftoverName(written)?.pid == dead && LeftoverName(written)?.target == "s01.png")
        #expect(LeftoverName(written)?.isFromThisHost == false)
        touch(folder.path + "/" + written, secondsAgo: 3600)
        touch(folder.path + "/.s02.png.tmp-\(dead)@\(other)-bbbbbb", secondsAgo: 2 * 24 * 3600)
        touch(folder.path + "/.s03.png.tmp-\(dead)@\(HostTag.current)-cccccc")
        LeftoverSweeper.sweep(folder: folder.path, targets: nil, pidlessBefore: nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [written])
        // Our own writes carry this host's tag.
        try AtomicFile.write([1, 2, 3], to: folder.path + "/x.bin")
        #expect(LeftoverName(".x.bin.tmp-\(getpid())@\(HostTag.current)-Zz09aB")?.isFromThisHost == true)
    }

    @Test func pidlessTemporariesGoOnlyWhenOlderThanTheSweeper() throws {
        let folder = TestFolder()
        let started = try #require(WriterProcess.startTime(of: getpid()))
        #expect(started <= Date() && started > Date().addingTimeInterval(-24 * 3600))
        touch(folder.path + "/.old.png.tmp-Ab12Cd", secondsAgo: Date().timeIntervalSince(started) + 60)
        touch(folder.path + "/.new.png.tmp-Ef34Gh", secondsAgo: -60)
        LeftoverSweeper.sweep(projectFolder: folder.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [".new.png.tmp-Ef34Gh"])
        // Outside a project (beside an export), pid-less names are never removed: they may be anyone's.
        touch(folder.path + "/.board.pdf.tmp-Ab12Cd", secondsAgo: 3600 * 24 * 400)
        #expect(LeftoverSweeper.sweep(beside: folder.path + "/board.pdf") == 0)
    }

    @Test func besideAnOutputOnlyItsOwnLeftoversGo() throws {
        let folder = TestFolder()
        let dead = try deadPID()
        for name in [".board.pdf.partial-\(dead)", ".board.pdf.manifest.json.tmp-\(dead)-abcdef", ".other.pdf.partial-\(dead)"] {
            touch(folder.path + "/" + name)
        }
        #expect(LeftoverSweeper.sweep(beside: folder.path + "/board.pdf") == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [".other.pdf.partial-\(dead)"])
    }

    @Test func ourOwnTemporariesStay() throws {
        let folder = TestFolder()
        touch(folder.path + "/.a.txt.tmp-\(getpid())-Zz99Yy", secondsAgo: 3600)
        #expect(LeftoverSweeper.sweep(projectFolder: folder.path) == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [".a.txt.tmp-\(getpid())-Zz99Yy"])
    }
}
