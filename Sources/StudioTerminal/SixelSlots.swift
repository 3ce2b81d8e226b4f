import Imaging
import Studio
import Terminal

/// Sixel and iTerm2 pictures in the studio's slots, which text drawn over them erases: each is sent only when its
/// frame or its slot changes, and again after ncurses has cleared the screen (which wipes them).
final class SixelSlots {
    /// What a slot shows now: the content, the very frame it was made from, and the pixel size it was drawn at.
    private struct Sent {
        var content: ImageSlot.Content
        var frame: Frame
        var width: Int
        var height: Int
    }

    private let graphics: StudioGraphics
    private let encoder: SixelEncoder
    /// By slot rectangle.
    private var sent: [String: Sent] = [:]

    init(graphics: StudioGraphics) {
        self.graphics = graphics
        encoder = SixelEncoder(maxColours: graphics.colourRegisters)
    }

    /// After a clear every slot is empty again.
    func forget() { sent.removeAll() }

    /// The bytes that put `source()` (made from `frame`) into `slot` (cursor move, sixel), or nothing when that
    /// is already there.
    func bytes(for frame: Frame, source: () -> Frame, slot: ImageSlot) -> [UInt8] {
        let id = key(slot)
        // Frames are replaced, never changed in place, so == is mostly the storage identity check.
        if let last = sent[id], last.content == slot.content, last.frame == frame { return [] }
        let picture = source()
        let size = graphics.pixelSize(frameWidth: picture.width, frameHeight: picture.height, columns: slot.columns, rows: slot.rows)
        // A picture of another size would leave the old one's edges: those cells are blanked first. One of the
        // same size covers every pixel, so playback does not flicker.
        var out: [UInt8] = []
        if let last = sent[id], (last.width, last.height) != (size.width, size.height) { out = erase(slot) }
        sent[id] = Sent(content: slot.content, frame: frame, width: size.width, height: size.height)
        let cursor = Array("\u{1B}[\(slot.row + 1);\(slot.column + 1)H".utf8)
        let resized = picture.resampled(width: size.width, height: size.height)
        guard graphics.mode == .iterm2 else { return out + cursor + encoder.encode(resized) }
        // tmux does not know iTerm2's images: the cursor move and the picture travel to the outer terminal together.
        let image = cursor + ((try? ITermImage.encode(resized)) ?? [])
        return out + (graphics.passthrough ? TmuxPassthrough.wrap(image) : image)
    }

    /// Blanks a slot that showed a picture and now has none (its shot not rendered yet); nothing if it was empty.
    func vacate(_ slot: ImageSlot) -> [UInt8] {
        sent.removeValue(forKey: key(slot)) == nil ? [] : erase(slot)
    }

    /// Erasing the cells (ECH, in default colours) erases the sixel pixels over them too; ncurses has spaces there.
    private func erase(_ slot: ImageSlot) -> [UInt8] {
        var out = Array("\u{1B}[0m".utf8)
        for r in 0..<slot.rows { out += Array("\u{1B}[\(slot.row + 1 + r);\(slot.column + 1)H\u{1B}[\(slot.columns)X".utf8) }
        return out
    }

    private func key(_ slot: ImageSlot) -> String { "\(slot.row),\(slot.column),\(slot.columns),\(slot.rows)" }
}
