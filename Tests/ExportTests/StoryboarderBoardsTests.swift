import Foundation
import Project
import Testing
@testable import Interchange

/// Storyboarder boards read back as shots: the notes tag an export writes, and boards held to the project reader's
/// rules before an import saves them.
@Suite struct StoryboarderBoardsTests {
    static func sheet(_ boards: String, timing: Int = 2000) throws -> StoryboarderBoards.Sheet {
        try StoryboarderBoards.read(Data(#"{"defaultBoardTiming":\#(timing),"boards":[\#(boards)]}"#.utf8), path: "sb/b.storyboarder")
    }

    @Test func theTagReadsBackToTheNotesIdAndPromptAsWritten() {
        // Spaces and line breaks at either end of the notes and the prompt, a line in the notes that looks like a
        // tag, a prompt over two lines and a combining mark after the bracket.
        let cases: [(notes: String, id: String, prompt: String)] = [
            ("", "s01", "a horse"), ("Café\n", "s02", " two spaces  "), ("\n\nx", "s-3.b", "line one\nline two"),
            ("see [storyreel s9] old\n[storyreel s8] older", "s04", "]\u{301} after"), ("notes", "s05", ""),
        ]
        for c in cases {
            var shot = Shot(id: c.id, prompt: c.prompt, seed: 0)
            shot.notes = c.notes
            let back = StoryboarderBoards.splitTag(StoryboarderBoards.notes(for: shot))
            #expect(back.map { Array($0.notes.unicodeScalars) } == Array(c.notes.unicodeScalars), "\(c)")
            #expect(back?.id == c.id, "\(c)")
            #expect(back.map { Array($0.prompt.unicodeScalars) } == Array(c.prompt.unicodeScalars), "\(c)")
        }
        // Hand-typed notes with no tag line keep all their text.
        #expect(StoryboarderBoards.splitTag("draw the [storyreel horse] bigger") == nil)
    }

    @Test func boardsBecomeShotsTheProjectReaderAccepts() throws {
        let sheet = try Self.sheet(#"{"number":3,"duration":1500,"notes":"[storyreel s01] a horse"},{"number":4,"dialogue":"Hi."}"#)
        let (shots, columns) = try StoryboarderBoards.shots(sheet, file: "b.storyboarder")
        #expect(shots.map(\.id) == ["s01", "board4"])
        #expect(shots.map(\.duration) == [1.5, 2])
        #expect(shots[1].notes == "board image: sb/images/" && shots[1].dialogue == "Hi.")
        #expect(!columns.contains("prompt"), "a board drawn in Storyboarder has no prompt to take")
        // A file named without a folder has its images beside it, not in /images.
        let bare = try StoryboarderBoards.read(Data(#"{"boards":[{"url":"board-1.png"}]}"#.utf8), path: "b.storyboarder")
        #expect(bare.boards.map(\.image) == ["images/board-1.png"])
    }

    @Test func boardsTheProjectCouldNotLoadAreRefusedNamingTheBoard() throws {
        // Each of these used to be saved into storyboard.toml, which then would not load.
        let refused: [(boards: String, timing: Int, message: String)] = [
            (#"{"notes":"[storyreel ../x] a horse"}"#, 2000, "board 1: "),
            (#"{"notes":"[storyreel my shot] a horse"}"#, 2000, "board 1: "),
            (#"{"number":1},{"notes":"[storyreel BOARD1] x"}"#, 2000, "board 2: shot id 'BOARD1' is already used by board 1"),
            (#"{"duration":7200000}"#, 2000, "board 1: "),
            (#"{"number":2}"#, -1000, "defaultBoardTiming"),
        ]
        for r in refused {
            let sheet = try Self.sheet(r.boards, timing: r.timing)
            #expect {
                try StoryboarderBoards.shots(sheet, file: "b.storyboarder")
            } throws: { error in
                let d = (error as? StoryboarderBoards.Problem)?.description ?? ""
                return d.hasPrefix("b.storyboarder: ") && d.contains(r.message)
            }
        }
    }
}
