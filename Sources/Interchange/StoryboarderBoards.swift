import Foundation
import Project

/// A Storyboarder project (`.storyboarder` JSON) read back as shots, and the tag in a board's notes that lets the
/// boards of an export find their shots again. Writing a board (its JSON and images) is Export's `StoryboarderFile`.
public enum StoryboarderBoards {
    /// A board read back: its timing and texts, and the path of the image that shows it.
    public struct Board: Equatable, Sendable {
        public var number: Int
        public var durationSeconds: Double?
        public var dialogue: String
        public var action: String
        public var notes: String
        /// The shot id and prompt a Storyreel export left in the notes; nil for boards drawn in Storyboarder.
        public var storyreelID: String?
        public var prompt: String?
        public var image: String
    }

    /// A whole file: its frame rate, the timing of boards that state none (seconds), and the boards.
    public struct Sheet: Equatable, Sendable {
        public var fps: Double?
        public var defaultTiming: Double
        public var boards: [Board]
    }

    /// Bad input in a Storyboarder file.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    static let tagStart = Array("[storyreel ".unicodeScalars)

    /// A board's notes: the shot's own notes, then a last line `[storyreel ID] prompt` (the prompt may run on over
    /// more lines), so an import can find the shot again.
    public static func notes(for shot: Shot) -> String {
        let tag = "[storyreel \(shot.id)] \(shot.prompt)"
        return shot.notes.isEmpty ? tag : shot.notes + "\n" + tag
    }

    /// `notes` split into the notes before the tag, its id and its prompt; nil when no line starts a tag. The tag
    /// is the last line starting with `[storyreel ` and holding a `]`; exactly the line break before it and the
    /// space after the `]` are separators, so notes and prompt come back as written whatever spaces and line breaks
    /// they hold, unless the prompt itself has a line starting with `[storyreel `. Read by scalar, so a `]` or a
    /// line break followed by a combining mark still counts.
    static func splitTag(_ notes: String) -> (notes: String, id: String, prompt: String)? {
        let s = Array(notes.unicodeScalars)
        var start = s.count
        while start > 0 {
            start -= 1
            guard start == 0 || s[start - 1] == "\n", s[start...].starts(with: tagStart) else { continue }
            let idStart = start + tagStart.count
            guard let close = s[idStart...].firstIndex(where: { $0 == "]" || $0 == "\n" }), s[close] == "]" else { continue }
            var promptStart = close + 1
            if promptStart < s.count, s[promptStart] == " " { promptStart += 1 }
            let before = start == 0 ? s[0..<0] : s[0..<(start - 1)]
            return (text(before), text(s[idStart..<close]), text(s[promptStart...]))
        }
        return nil
    }

    static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    /// The boards of the `.storyboarder` file at `path`.
    public static func read(_ path: String) throws(Problem) -> Sheet {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(description: "\(path): cannot read the file") }
        return try read(data, path: path)
    }

    /// The boards of a `.storyboarder` file's bytes, checked field by field; `path` names the file in problems and
    /// places the board images (`images/` beside it).
    public static func read(_ data: Data, path: String) throws(Problem) -> Sheet {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw Problem(description: "\(path): not JSON (\((error as NSError).localizedDescription)); expected a Storyboarder project")
        }
        guard let object = root as? [String: Any], let boards = object["boards"] as? [Any] else {
            throw Problem(description: "\(path): no \"boards\" list; expected a Storyboarder project")
        }
        let fps = object["fps"] as? Double
        let timing = (object["defaultBoardTiming"] as? Double).map { $0 / 1000 } ?? 2
        // The images folder beside the file ("images/" for a file named without a folder, not "/images/").
        let folder = (path as NSString).deletingLastPathComponent
        let images = folder.isEmpty ? "images/" : folder + "/images/"
        var out: [Board] = []
        for (i, item) in boards.enumerated() {
            guard let b = item as? [String: Any] else { throw Problem(description: "\(path): board \(i + 1) is not an object") }
            func text(_ key: String) throws(Problem) -> String {
                guard let value = b[key] else { return "" }
                guard let s = value as? String else { throw Problem(description: "\(path): board \(i + 1), field \"\(key)\": expected text") }
                return s
            }
            var duration: Double? = nil
            if let value = b["duration"] {
                guard let ms = value as? Double, ms > 0, ms.isFinite else {
                    throw Problem(description: "\(path): board \(i + 1), field \"duration\": expected milliseconds above 0")
                }
                duration = ms / 1000
            }
            var notes = try text("notes")
            var id: String? = nil, prompt: String? = nil
            if let tag = splitTag(notes) { (notes, id, prompt) = tag }
            let url = try text("url")
            out.append(Board(number: (b["number"] as? Int) ?? i + 1, durationSeconds: duration, dialogue: try text("dialogue"),
                             action: try text("action"), notes: notes, storyreelID: id, prompt: prompt,
                             image: images + url))
        }
        return Sheet(fps: fps, defaultTiming: timing, boards: out)
    }

    /// The shots the boards describe, held to the project reader's rules (a board's id, duration and texts must be
    /// what a `storyboard.toml` may hold, ids unique ignoring case), with the columns they set for
    /// `ShotList.merge`. A board an export made is its shot again (id, prompt); one drawn in Storyboarder becomes
    /// `boardN` with no prompt, its image named in the notes.
    public static func shots(_ sheet: Sheet, file: String) throws(Problem) -> (shots: [Shot], columns: [String]) {
        var shots: [Shot] = []
        var seen: [String: Int] = [:]
        for (i, b) in sheet.boards.enumerated() {
            var shot = Shot(id: b.storyreelID ?? "board\(b.number)", prompt: b.prompt ?? "", seed: 0,
                            duration: b.durationSeconds ?? sheet.defaultTiming)
            shot.action = b.action
            shot.dialogue = b.dialogue
            // The drawing itself stays Storyboarder's: the notes say where it is, for whoever draws the shot.
            shot.notes = b.storyreelID == nil ? [b.notes, "board image: \(b.image)"].filter { !$0.isEmpty }.joined(separator: "\n") : b.notes
            // Through the project reader, as a sheet's rows are: what it refuses here could be saved but never loaded.
            var one = Project(title: "import")
            one.shots = [shot]
            do throws(ProjectError) {
                let (read, _) = try ProjectDecoder.decode(ProjectEncoder.encode(one), file: file)
                guard let only = read.shots.first else { throw ProjectError(file: file, message: "no shot") }
                shot = only
            } catch {
                let duration = b.durationSeconds == nil ? " (the file's defaultBoardTiming)" : ""
                throw Problem(description: "\(file): board \(i + 1): \(error.message)\(error.message.contains("duration") ? duration : "")")
            }
            if let first = seen[shot.id.lowercased()] {
                throw Problem(description: "\(file): board \(i + 1): shot id '\(shot.id)' is already used by board \(first) (ids name frame files, so they must differ, ignoring case)")
            }
            seen[shot.id.lowercased()] = i + 1
            shots.append(shot)
        }
        var columns = ["id", "duration", "action", "dialogue", "notes"]
        if sheet.boards.allSatisfy({ $0.prompt != nil }) { columns.append("prompt") }
        return (shots, columns)
    }
}
