import Foundation
@testable import Interchange
import Project

/// libFuzzer entry: any bytes as a `.storyboarder` file give boards or one clear problem, never a crash or hang;
/// boards that read become shots the project reader accepts (save and load to the same shots) or one problem
/// naming the board; and the tag an export writes in a board's notes reads back to the notes, id and prompt.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStoryboarder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    if let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) {
        checkTag(text)
    }
    guard let sheet = try? StoryboarderBoards.read(bytes, path: "fuzz/board.storyboarder") else { return 0 }
    for board in sheet.boards {
        if let d = board.durationSeconds, !(d > 0 && d.isFinite) { fatalError("board \(board.number): duration \(d) accepted") }
        if !board.image.hasPrefix("fuzz/images/") { fatalError("board image \(board.image) outside images/") }
        if (board.storyreelID == nil) != (board.prompt == nil) { fatalError("an id without a prompt or a prompt without an id") }
        if let id = board.storyreelID {
            // What the tag says, written again, reads again to the same.
            var shot = Shot(id: id, prompt: board.prompt ?? "", seed: 0)
            shot.notes = board.notes
            if !(board.prompt ?? "").contains("\n[storyreel ") { checkTag(StoryboarderBoards.notes(for: shot), id: id, prompt: shot.prompt, notes: shot.notes) }
        }
    }
    guard let (shots, _) = try? StoryboarderBoards.shots(sheet, file: "fuzz/board.storyboarder") else { return 0 }
    if shots.count != sheet.boards.count { fatalError("\(sheet.boards.count) boards gave \(shots.count) shots") }
    if Set(shots.map { $0.id.lowercased() }).count != shots.count { fatalError("two shots with one id: \(shots.map(\.id))") }
    var project = Project(title: "fuzz")
    project.shots = shots
    let saved = ProjectEncoder.encode(project)
    do throws(ProjectError) {
        let (again, _) = try ProjectDecoder.decode(saved, file: "fuzz-saved.toml")
        if again.shots != shots { fatalError("imported boards saved and loaded as other shots:\n\(saved)") }
    } catch {
        fatalError("imported boards saved a project that does not load: \(error)\n\(saved)")
    }
    return 0
}

/// The input as the notes, id and prompt of a shot (split at the first two U+001E), tagged as an export tags a
/// board and read back; ids are made valid (only letters, digits, '-', '_', '.'), since the project holds no other.
private func checkTag(_ text: String) {
    let parts = text.split(separator: "\u{1E}", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
    let notes = parts[0], rawID = parts.count > 1 ? parts[1] : "s01", prompt = parts.count > 2 ? parts[2] : ""
    let id = String(String.UnicodeScalarView(rawID.unicodeScalars.filter {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
    }.prefix(64)))
    guard !id.isEmpty, !prompt.contains("\n[storyreel ") else { return }
    var shot = Shot(id: id, prompt: prompt, seed: 0)
    shot.notes = notes
    checkTag(StoryboarderBoards.notes(for: shot), id: id, prompt: prompt, notes: notes)
}

private func checkTag(_ tagged: String, id: String, prompt: String, notes: String) {
    guard let back = StoryboarderBoards.splitTag(tagged) else { fatalError("no tag found in \(tagged.debugDescription)") }
    let same = { (a: String, b: String) in Array(a.unicodeScalars) == Array(b.unicodeScalars) }
    if !same(back.id, id) || !same(back.prompt, prompt) || !same(back.notes, notes) {
        fatalError("tag of (\(notes.debugDescription), \(id), \(prompt.debugDescription)) read back as \(back)")
    }
}
