import Imaging
import Studio
import Terminal

/// kitty-protocol pictures in the studio's slots. Each picture is transmitted once under its own id and then
/// only placed by that id: after a repaint, an overlay closing or a new layout it is placed (moved) again without
/// its pixels; a slot's new picture is placed before the old one is freed, so nothing flickers. Text drawn over a
/// kitty picture does not erase it, so placements are taken down explicitly.
final class KittySlots {
    /// A picture the terminal holds: what it shows, the frame it was made from, the cells it was sized for, and
    /// whether it is on screen.
    private struct Stored {
        var content: ImageSlot.Content
        var frame: Frame
        var columns: Int
        var rows: Int
        var id: UInt32
        var placed: Bool
        /// The repaint it was last on screen in.
        var shown: Int
    }

    private let graphics: StudioGraphics
    /// By slot rectangle.
    private var stored: [String: Stored] = [:]
    /// Ids start high so they are unlikely to meet another program's in the same terminal window.
    private var nextID: UInt32 = 0x5352_0001
    /// Every picture is placement 1 of its own image: one image, one place on screen.
    static let placement: UInt32 = 1
    /// Counts repaints; a picture not on screen for this many is freed (an overlay opened and closed costs two).
    private var repaint = 0
    static let keptRepaints = 3

    init(graphics: StudioGraphics) {
        self.graphics = graphics
    }

    /// After ncurses clears the screen: every placement comes down (the images stay in the terminal, to be placed
    /// again by id).
    func forget() -> [UInt8] {
        repaint += 1
        var out = wrap(KittyGraphics.deletePlacements)
        for (key, picture) in stored {
            stored[key]?.placed = false
            // Long off screen (a closed variants grid, an old layout): its pixels go too.
            if repaint - picture.shown > Self.keptRepaints {
                stored.removeValue(forKey: key)
                out += wrap(KittyGraphics.delete(id: picture.id))
            }
        }
        return out
    }

    /// On the way out: every image goes, data and all.
    func close() -> [UInt8] {
        stored.removeAll()
        return wrap(KittyGraphics.deleteAll)
    }

    /// The bytes that show `source()` (made from `frame`) in `slot`: nothing when it is there already, a placement
    /// when the terminal holds the picture (here or in another slot before a layout change), else the picture itself.
    func bytes(for frame: Frame, source: () -> Frame, slot: ImageSlot) -> [UInt8] {
        let key = Self.key(slot)
        if let here = stored[key], here.content == slot.content, here.frame == frame {
            if here.placed { return [] }
            stored[key]?.placed = true
            stored[key]?.shown = repaint
            return place(here.id, slot)
        }
        var out: [UInt8] = []
        let id: UInt32
        // The same picture in a slot of the same size that has moved: placing it by id moves it; its pixels stay in
        // the terminal. (A slot of another size needs the picture at another size.)
        if let (oldKey, moved) = stored.first(where: { !$0.value.placed && $0.value.content == slot.content && $0.value.frame == frame
                                                        && ($0.value.columns, $0.value.rows) == (slot.columns, slot.rows) }) {
            stored.removeValue(forKey: oldKey)
            id = moved.id
        } else {
            let picture = source()
            let size = graphics.pixelSize(frameWidth: picture.width, frameHeight: picture.height, columns: slot.columns, rows: slot.rows)
            id = nextID
            nextID = nextID == UInt32.max ? 0x5352_0001 : nextID + 1
            guard let sent = try? KittyGraphics.transmit(picture.resampled(width: size.width, height: size.height), id: id) else { return [] }
            out += wrap(sent)
        }
        out += place(id, slot)
        if let old = stored[key] { out += wrap(KittyGraphics.delete(id: old.id)) }
        // Off-screen pictures of the same content are superseded by this one.
        for (other, picture) in stored where other != key && !picture.placed && picture.content == slot.content {
            stored.removeValue(forKey: other)
            out += wrap(KittyGraphics.delete(id: picture.id))
        }
        stored[key] = Stored(content: slot.content, frame: frame, columns: slot.columns, rows: slot.rows, id: id, placed: true, shown: repaint)
        return out
    }

    /// Takes down the picture of a slot left without a frame; nothing if it was empty.
    func vacate(_ slot: ImageSlot) -> [UInt8] {
        guard let old = stored.removeValue(forKey: Self.key(slot)) else { return [] }
        return wrap(KittyGraphics.delete(id: old.id))
    }

    /// The cursor to the slot's corner, then the placement. Inside tmux both travel in one passthrough, so the
    /// outer terminal's cursor is where the picture goes (exact for a pane at the window's top left).
    private func place(_ id: UInt32, _ slot: ImageSlot) -> [UInt8] {
        wrap(Array("\u{1B}[\(slot.row + 1);\(slot.column + 1)H".utf8) + KittyGraphics.place(id: id, placement: Self.placement))
    }

    private func wrap(_ bytes: [UInt8]) -> [UInt8] {
        graphics.passthrough ? TmuxPassthrough.wrap(bytes) : bytes
    }

    static func key(_ slot: ImageSlot) -> String { "\(slot.row),\(slot.column),\(slot.columns),\(slot.rows)" }
}
