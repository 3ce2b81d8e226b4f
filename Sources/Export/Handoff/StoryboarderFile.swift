import Foundation
import Imaging
import Interchange
import JSON
import Project

/// Storyboarder's project file (`.storyboarder` JSON) and the board images its loader expects beside it in
/// `images/`: per board a layer PNG `board-N-UID-fill.png` at the board canvas size (900·aspect × 900), the board's
/// own `board-N-UID.png` and a `board-N-UID-thumbnail.png`. Storyboarder makes the poster frames it misses itself.
/// Reading one back is `StoryboarderBoards` (Interchange): a pure parser, fuzzed without the render stack.
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

    /// A board's notes: the shot's own notes, then its id and prompt, so an import can find the shot again (read
    /// back by `StoryboarderBoards`, in Interchange, which reads the whole file).
    static func notes(for shot: Shot) -> String { StoryboarderBoards.notes(for: shot) }
}
