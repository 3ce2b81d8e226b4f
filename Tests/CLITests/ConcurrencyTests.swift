import Foundation
import Testing
import TestSupport
@testable import Render

/// Two writers at once: a second command on a locked project is turned away naming the holder; two projects that
/// share one cache folder (a symlink) render at the same time and every entry verifies.
@Suite struct ConcurrencyTests {
    @Test func renderOnAProjectLockedByAnotherProgramNamesTheHolder() throws {
        let folder = TestFolder()
        let project = folder.path + "/p"
        _ = try runProgram(CLITests.binary, ["new", project])
        try FileManager.default.createDirectory(atPath: project + "/.storyreel", withIntermediateDirectories: false)
        // Another program holds the lock with flock(2), as storyreel does, and says who it is in the file.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import fcntl, os, sys, time
            f = open(sys.argv[1], 'a+')
            fcntl.flock(f, fcntl.LOCK_EX)
            f.truncate(0); f.write('pid %d (lock-holding test helper)\\n' % os.getpid()); f.flush()
            print('locked', flush=True)
            sys.stdin.read()
            """, project + "/.storyreel/lock"]
        let toHelper = Pipe(), fromHelper = Pipe()
        holder.standardInput = toHelper
        holder.standardOutput = fromHelper
        try holder.run()
        defer {
            try? toHelper.fileHandleForWriting.close()
            holder.waitUntilExit()
        }
        let said = String(decoding: fromHelper.fileHandleForReading.availableDataOrLine(), as: UTF8.self)
        try #require(said.hasPrefix("locked"), "the helper did not take the lock: \(said)")

        for command in [["render", project], ["export", project, "--pdf", folder.path + "/b.pdf"]] {
            let result = try runProgram(CLITests.binary, command, timeout: 30)
            #expect(result.status == 1, "\(command[0]): \(result.err)")
            #expect(result.err.contains("in use by pid \(holder.processIdentifier) (lock-holding test helper)"), "\(result.err)")
            #expect(result.err.split(separator: "\n").count == 1, "\(result.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: project + "/frames"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/b.pdf"))
        // Once the holder is gone, the kernel has dropped its lock.
        try toHelper.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(try runProgram(CLITests.binary, ["render", project], timeout: 60).status == 0)
    }

    @Test func secondRenderWhileTheFirstRunsIsTurnedAway() throws {
        let folder = TestFolder()
        let project = folder.path + "/p"
        _ = try runProgram(CLITests.binary, ["new", project])
        let first = Process()
        first.executableURL = URL(fileURLWithPath: CLITests.binary)
        first.arguments = ["render", project]
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        // Freeze it as soon as it holds the lock, so the overlap does not depend on how fast this machine is.
        guard let pid = FaultInjectionTests.lockHolder(project, seconds: 20), pid == first.processIdentifier else {
            first.waitUntilExit()
            Issue.record("the first render never showed as the lock holder")
            return
        }
        kill(pid, SIGSTOP)
        let second = try runProgram(CLITests.binary, ["render", project], timeout: 30)
        kill(pid, SIGCONT)
        first.waitUntilExit()
        #expect(second.status == 1, "\(second.err)")
        #expect(second.err.contains("in use by pid \(pid) (storyreel render)"), "\(second.err)")
        #expect(first.terminationStatus == 0)
    }

    @Test func twoProjectsSharingOneCacheRenderAtOnce() throws {
        let folder = TestFolder()
        let shared = folder.path + "/shared-cache"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false)
        // Same shots in both, so both processes write the same entries (same paths) at the same time.
        var projects: [String] = []
        for name in ["a", "b"] {
            let project = folder.path + "/" + name
            try FileManager.default.createDirectory(atPath: project + "/.storyreel", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: repositoryRoot + "/Examples/sofa-spot/storyboard.toml", toPath: project + "/storyboard.toml")
            try FileManager.default.createSymbolicLink(atPath: project + "/.storyreel/cache", withDestinationPath: shared)
            projects.append(project)
        }
        var rounds = 0
        for round in 0..<3 {
            if round > 0 { for p in projects { try? FileManager.default.removeItem(atPath: p + "/frames") } }
            try? FileManager.default.removeItem(atPath: shared + "/latents")
            let runs = try projects.map { p -> Process in
                let r = Process()
                r.executableURL = URL(fileURLWithPath: CLITests.binary)
                r.arguments = ["render", p]
                r.standardOutput = FileHandle.nullDevice
                FileManager.default.createFile(atPath: p + ".err", contents: nil)
                r.standardError = FileHandle(forWritingAtPath: p + ".err")
                try r.run()
                return r
            }
            for (r, p) in zip(runs, projects) {
                r.waitUntilExit()
                let err = (try? String(contentsOfFile: p + ".err", encoding: .utf8)) ?? ""
                #expect(r.terminationStatus == 0, "\(err)")
                // Neither pulled the other's half-written entry away (a cache write failure is only a warning).
                #expect(!err.contains("warning"), "\(err)")
            }
            rounds += 1
            // Every entry verifies under its own key, and the frames of both projects are the same bytes.
            var entries = 0
            let latents = shared + "/latents"
            for shard in try FileManager.default.contentsOfDirectory(atPath: latents) {
                for name in try FileManager.default.contentsOfDirectory(atPath: latents + "/" + shard) {
                    #expect(name.hasSuffix(".latent"), "left in the shared cache: \(shard)/\(name)")
                    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: latents + "/" + shard + "/" + name)))
                    #expect(LatentCache.decode(bytes, key: RenderKey(bytes: Array(bytes[8..<40]))) != nil, "\(name) does not verify")
                    #expect(RenderKey(bytes: Array(bytes[8..<40])).hex + ".latent" == name)
                    entries += 1
                }
            }
            // Each shot's key latent and its clip's motion.
            #expect(entries == 24)
            for name in try FileManager.default.contentsOfDirectory(atPath: projects[0] + "/frames") {
                #expect(try Data(contentsOf: URL(fileURLWithPath: projects[0] + "/frames/" + name)) ==
                        Data(contentsOf: URL(fileURLWithPath: projects[1] + "/frames/" + name)), "\(name) differs")
            }
        }
        print("concurrency: \(rounds) rounds of two renders writing one shared cache at once")
    }
}

extension FileHandle {
    /// The first line the other side writes (up to 200 bytes), read byte by byte so nothing after it is consumed.
    func availableDataOrLine() -> Data {
        var out = Data()
        while out.count < 200 {
            let byte = readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            out += byte
        }
        return out
    }
}
