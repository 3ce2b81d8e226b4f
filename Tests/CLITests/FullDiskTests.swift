import Foundation
import Imaging
import Testing
import TestSupport

/// A real full disk and a real read-only folder (tmpfs mounts): exit status 1, one message that names the file and
/// the system's reason, the project file intact, and nothing half-written under a final name.
@Suite(.serialized) struct FullDiskTests {
    func storyreel(_ arguments: [String]) throws -> (out: String, err: String, status: Int32) {
        try runProgram(CLITests.binary, arguments, timeout: 120)
    }

    func errors(_ err: String) -> [Substring] {
        err.split(separator: "\n").filter { $0.hasPrefix("storyreel: error:") }
    }

    /// Every file under `folder` with its bytes.
    func snapshot(_ folder: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            out[path] = FileManager.default.contents(atPath: folder + "/" + path) ?? Data("<folder>".utf8)
        }
        return out
    }

    /// Frames that exist decode, and no temporary of any kind is left.
    func checkNothingHalfWritten(_ folder: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder + "/frames")) ?? [] where !name.hasPrefix(".") {
            let bytes = FileManager.default.contents(atPath: folder + "/frames/" + name).map(Array.init) ?? []
            #expect((try? PNGDecoder.decode(bytes)) != nil, "frames/\(name) is damaged")
        }
        #expect(FaultInjectionTests.temporaries(under: folder).isEmpty, "left: \(FaultInjectionTests.temporaries(under: folder))")
    }

    func copyExample(to folder: String) throws -> Data {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Examples/horse-beach/storyboard.toml", toPath: folder + "/storyboard.toml")
        return try Data(contentsOf: URL(fileURLWithPath: folder + "/storyboard.toml"))
    }

    @Test func renderOnAFullDiskFailsCleanly() throws {
        let folder = TestFolder()
        var reason = ""
        guard let disk = TinyDisk(under: folder.path, size: "400k", skipReason: &reason) else {
            print("skipped renderOnAFullDiskFailsCleanly: \(reason)")
            return
        }
        defer { disk.unmount() }
        let project = disk.path + "/horse-beach"
        let original = try copyExample(to: project)
        // The example's frames need about 430 kB: the disk fills part-way through.
        var attempts = 0
        var failed: (out: String, err: String, status: Int32)?
        while attempts < 3 && failed == nil {
            attempts += 1
            let result = try storyreel(["render", project])
            if result.status != 0 { failed = result }
        }
        let result = try #require(failed, "the render never filled the disk")
        #expect(result.status == 1)
        let errs = errors(result.err)
        #expect(errs.count == 1, "\(result.err)")
        #expect(errs.first?.contains(project + "/frames/") == true && errs.first?.contains(".png") == true, "\(result.err)")
        #expect(errs.first?.contains("No space left on device") == true, "\(result.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: project + "/storyboard.toml")) == original)
        checkNothingHalfWritten(project)
        // An export of the same project stops the same way, at its render, and writes no board.
        let export = try storyreel(["export", project, "--pdf", project + "/board.pdf"])
        #expect(export.status == 1 && errors(export.err).count == 1 && export.err.contains("No space left on device"), "\(export.err)")
        #expect(!FileManager.default.fileExists(atPath: project + "/board.pdf"))
        checkNothingHalfWritten(project)
    }

    @Test func exportsToAFullDiskFailCleanly() throws {
        let folder = TestFolder()
        var reason = ""
        guard let disk = TinyDisk(under: folder.path, size: "400k", skipReason: &reason) else {
            print("skipped exportsToAFullDiskFailCleanly: \(reason)")
            return
        }
        defer { disk.unmount() }
        let project = folder.path + "/horse-beach"
        let original = try copyExample(to: project)
        #expect(try storyreel(["render", project]).status == 0)
        // 48 kB free: less than any board or sheet of eight 1024×576 panels.
        try disk.fill(leaving: 48 << 10)
        for (option, name) in [("--pdf", "board.pdf"), ("--sheet", "sheet.png"), ("--frames", "keyframes")] {
            let target = disk.path + "/" + name
            let result = try storyreel(["export", project, option, target])
            #expect(result.status == 1, "\(option): \(result.err)")
            let errs = errors(result.err)
            #expect(errs.count == 1, "\(option): \(result.err)")
            #expect(errs.first?.contains(target) == true && errs.first?.contains("No space left on device") == true, "\(option): \(result.err)")
            if option == "--frames" {
                // Whole keyframes or none: each file there decodes.
                for f in (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? [] where !f.hasPrefix(".") {
                    #expect((try? PNGDecoder.decode(Array(FileManager.default.contents(atPath: target + "/" + f) ?? Data()))) != nil)
                }
            } else {
                #expect(!FileManager.default.fileExists(atPath: target), "\(name) exists after a failed export")
            }
            #expect(!FileManager.default.fileExists(atPath: target + ".manifest.json"))
            #expect(FaultInjectionTests.temporaries(under: disk.path).isEmpty, "left: \(FaultInjectionTests.temporaries(under: disk.path))")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: project + "/storyboard.toml")) == original)
    }

    @Test func readOnlyFoldersFailCleanlyAndChangeNothing() throws {
        let folder = TestFolder()
        var reason = ""
        guard let disk = TinyDisk(under: folder.path, size: "8m", skipReason: &reason) else {
            print("skipped readOnlyFoldersFailCleanlyAndChangeNothing: \(reason)")
            return
        }
        defer { disk.unmount() }
        let project = disk.path + "/horse-beach"
        _ = try copyExample(to: project)
        #expect(try storyreel(["render", project]).status == 0)
        // One shot stale, so a render would have work to do.
        try FileManager.default.removeItem(atPath: project + "/frames/open.png")
        let elsewhere = folder.path + "/writable"
        _ = try copyExample(to: elsewhere)
        guard disk.remountReadOnly() else {
            print("skipped readOnlyFoldersFailCleanlyAndChangeNothing: cannot remount the tmpfs read-only")
            return
        }
        let before = snapshot(disk.path)
        let cases: [([String], String)] = [
            (["render", project], project + "/.storyreel/lock"),
            (["export", project, "--pdf", elsewhere + "/board.pdf"], project + "/.storyreel/lock"),
            (["export", elsewhere, "--pdf", disk.path + "/board.pdf"], disk.path + "/board.pdf"),
            (["export", elsewhere, "--sheet", disk.path + "/sheet.png"], disk.path + "/sheet.png"),
            (["export", elsewhere, "--frames", disk.path + "/keyframes"], disk.path + "/keyframes"),
            (["new", disk.path + "/fresh"], disk.path + "/fresh"),
        ]
        for (command, named) in cases {
            let result = try storyreel(command)
            #expect(result.status == 1, "\(command): \(result.status) \(result.err)")
            let errs = errors(result.err)
            #expect(errs.count == 1, "\(command): \(result.err)")
            #expect(errs.first?.contains(named) == true && errs.first?.contains("Read-only file system") == true, "\(command): \(result.err)")
        }
        #expect(snapshot(disk.path) == before, "the read-only folder changed")
        #expect(!FileManager.default.fileExists(atPath: elsewhere + "/board.pdf"))
    }
}
