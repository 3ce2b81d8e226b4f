import Foundation
import Studio
import TestSupport
import Testing
@testable import StudioTerminal

/// The recovery file: written at once, then at most every 300 ms while typing goes on, removed when the edit ends.
@Suite struct RecoveryFileTests {
    func edit(_ text: String) -> RecoveredEdit { RecoveredEdit(shotID: "s03", field: .prompt, text: text) }

    @Test func writesAreDebouncedAndTheLastOneLands() throws {
        let folder = TestFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/.storyreel", withIntermediateDirectories: true)
        let file = RecoveryFile(folder: folder.path)
        #expect(file.read() == nil)
        file.keep(edit("a"), now: 10)
        #expect(file.read() == edit("a"))  // the first keystroke is on disk at once
        file.keep(edit("ab"), now: 10.1)
        file.keep(edit("abc"), now: 10.2)
        file.tick(now: 10.25)
        #expect(file.read() == edit("a"))  // within 300 ms of the last write: not yet
        file.tick(now: 10.31)
        #expect(file.read() == edit("abc"))  // then the newest text, not each one typed on the way
        file.keep(edit("abcd"), now: 10.4)
        file.flush()  // on the way out nothing waits
        #expect(file.read() == edit("abcd"))
        let json = try String(contentsOfFile: file.path, encoding: .utf8)
        #expect(json == "{\"field\":\"prompt\",\"shot\":\"s03\",\"text\":\"abcd\"}\n")
        file.keep(edit("abcde"), now: 10.5)
        file.drop()
        file.tick(now: 20)
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func anUnreadableFileIsNoRecovery() throws {
        let folder = TestFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/.storyreel", withIntermediateDirectories: true)
        try "{\"shot\": 3}".write(toFile: folder.path + "/.storyreel/recovery.json", atomically: true, encoding: .utf8)
        #expect(RecoveryFile(folder: folder.path).read() == nil)
    }
}
