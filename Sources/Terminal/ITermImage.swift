import Foundation
import Imaging

/// iTerm2's inline images (OSC 1337 `File=…:base64` BEL), which iTerm2 and WezTerm show: a PNG at the cursor,
/// scaled into a box of cells. The whole picture goes again whenever it changes; there are no ids to move.
public enum ITermImage {
    /// The sequence that shows `frame` at the cursor at its own pixel size (the caller sizes it, as for sixel).
    /// doNotMoveCursor=1 keeps the cursor where ncurses left it; terminals without it move it, which the studio's
    /// cursor save and restore undoes.
    public static func encode(_ frame: Frame) throws -> [UInt8] {
        let png = try KittyGraphics.png(frame)
        let arguments = "inline=1;size=\(png.count);width=\(frame.width)px;height=\(frame.height)px;preserveAspectRatio=1;doNotMoveCursor=1"
        return Array("\u{1B}]1337;File=\(arguments):".utf8) + Array(Data(png).base64EncodedData()) + [0x07]
    }
}
