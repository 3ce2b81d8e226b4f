import Foundation
import Imaging
import JSON
import Project

/// Storyboarder's project file (`.storyboarder` JSON) and the board images its loader expects beside it in
/// `images/`: per board a layer PNG `board-N-UID-fill.png` at the board canvas size (900·aspect × 900), the board's
/// own `board-N-UID.png` and a `board-N-UID-thumbnail.png`. Storyboarder makes the poster frames it misses itself.
public enum StoryboarderFile {
    /// The file format version written (Storyboarder 1.x reads it).
    static let version = "1.9.2"

    /// The board canvas for an aspect ratio, as Storyboarder sizes it.
    static func canvasSize(aspect: Double) -> (Int, Int) {
        aspect >= 1 ? (Int((900 * aspect).rounded()), 900) : (900, Int((900 / aspect).rounded()))
    }

    /// A five-character board id from the shot id: stable across exports, so re-exporting does not churn the files.
    static func uid(for shot: Shot) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in shot.id.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String((0..<5).map { i in alphabet[Int((h >> (UInt64(i) * 7)) % UInt64(alphabet.count))] })
    }

    /// The JSON and the images (name → PNG frame) of a board for `shots` with their key drawings.
    static func board(project: Project, shots: [Shot], drawings: [Frame]) -> (json: String, images: [(name: String, frame: Frame)]) {
        let aspect = Double(project.width) / Double(project.height)
        let (w, h) = canvasSize(aspect: aspect)
        var time = 0.0
        var boards: [JSONValue] = []
        var images: [(String, Frame)] = []
        for (i, shot) in shots.enumerated() {
            let uid = uid(for: shot)
            let base = "board-\(i + 1)-\(uid)"
            let canvas = drawings[i].resized(width: w, height: h)
            images.append((base + "-fill.png", canvas))
            images.append((base + ".png", canvas))
            images.append((base + "-thumbnail.png", canvas.resized(width: max(1, Int((120 * aspect).rounded())), height: 120)))
            let ms = Int64((shot.duration * 1000).rounded())
            boards.append(.object([
                ("uid", .string(uid)),
                ("url", .string(base + ".png")),
                ("newShot", .bool(false)),
                ("lastEdited", .integer(0)),
                ("layers", .object([("fill", .object([("url", .string(base + "-fill.png"))]))])),
                ("number", .integer(Int64(i + 1))),
                ("shot", .string("\(i + 1)A")),
                ("time", .integer(Int64((time * 1000).rounded()))),
                ("duration", .integer(ms)),
                ("dialogue", .string(shot.dialogue)),
                ("action", .string(shot.action)),
                ("notes", .string(notes(for: shot))),
            ]))
            time += shot.duration
        }
        let json: JSONValue = .object([
            ("version", .string(version)),
            ("aspectRatio", .number(aspect)),
            ("fps", .number(project.fps)),
            ("defaultBoardTiming", .integer(2000)),
            ("boards", .array(boards)),
        ])
        return (json.serialized(pretty: true) + "\n", images)
    }

    /// A board's notes: the shot's own notes, then its id and prompt, so an import can find the shot again.
    static func notes(for shot: Shot) -> String {
        let tag = "[storyreel \(shot.id)] \(shot.prompt)"
        return shot.notes.isEmpty ? tag : shot.notes + "\n" + tag
    }

    /// A board read back: its timing and texts, and the path of the image that shows it.
    public struct Board: Equatable {
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

    /// Bad input in a Storyboarder file.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// The boards of a `.storyboarder` file and its frame rate, checked field by field.
    public static func read(_ path: String) throws(Problem) -> (fps: Double?, defaultTiming: Double, boards: [Board]) {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(description: "\(path): cannot read the file") }
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
        let folder = (path as NSString).deletingLastPathComponent
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
            if let range = notes.range(of: "[storyreel ") , let close = notes[range.upperBound...].firstIndex(of: "]") {
                id = String(notes[range.upperBound..<close])
                prompt = String(notes[notes.index(after: close)...]).trimmingCharacters(in: .whitespaces)
                notes = String(notes[..<range.lowerBound]).trimmingCharacters(in: .newlines)
            }
            let url = try text("url")
            out.append(Board(number: (b["number"] as? Int) ?? i + 1, durationSeconds: duration, dialogue: try text("dialogue"),
                             action: try text("action"), notes: notes, storyreelID: id, prompt: prompt,
                             image: folder + "/images/" + url))
        }
        return (fps, timing, out)
    }
}
