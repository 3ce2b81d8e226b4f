import Foundation
import Imaging

/// The kitty graphics protocol's commands (APC `ESC _ G keys ; base64 ESC \`), as pure functions of their inputs.
/// Pictures travel as PNG; every command carries q=2, so the terminal never answers on stdin (its replies would
/// arrive as key presses), and C=1, so the cursor stays where ncurses left it.
public enum KittyGraphics {
    /// The protocol's limit on one chunk's base64 payload; every chunk but the last is a multiple of 4 long.
    public static let chunkSize = 4096

    /// Sends `frame` as image `id` and stores it in the terminal without showing it (a=t): `place` shows it.
    public static func transmit(_ frame: Frame, id: UInt32) throws -> [UInt8] {
        try chunked(keys: "a=t,f=100,i=\(id),q=2", payload: png(frame))
    }

    /// Shows stored image `id` at the cursor, one image pixel per screen pixel (the caller sizes the picture, as for
    /// sixel; kitty's own c/r scaling would stretch it). The same (id, placement) again moves the picture instead of
    /// adding a second one.
    public static func place(id: UInt32, placement: UInt32) -> [UInt8] {
        command("a=p,i=\(id),p=\(placement),C=1,q=2")
    }

    /// Sends and shows `frame` at the cursor in one go, at its own pixel size (for `show`).
    public static func display(_ frame: Frame) throws -> [UInt8] {
        try chunked(keys: "a=T,f=100,q=2", payload: png(frame))
    }

    /// Removes every placement on the screen but keeps the images (d=a), so they can be placed again by id.
    public static let deletePlacements: [UInt8] = command("a=d,d=a,q=2")

    /// Removes image `id`'s placements and frees its data (d=I); the cells under it show text again.
    public static func delete(id: UInt32) -> [UInt8] {
        command("a=d,d=I,i=\(id),q=2")
    }

    /// Removes every picture on the screen (d=A: all placements, data freed), after a full repaint or on the way out.
    public static let deleteAll: [UInt8] = command("a=d,d=A,q=2")

    /// PNG, since every kitty-protocol terminal reads it and it is a fraction of raw RGB's bytes. Level 1 and the Up
    /// filter: deflate's time, not its last bytes, is what the user waits for on a local terminal.
    static func png(_ frame: Frame) throws -> [UInt8] {
        try PNGEncoder.encode(frame, compressionLevel: 1, filter: .up)
    }

    static func command(_ keys: String, payload: ArraySlice<UInt8> = []) -> [UInt8] {
        [0x1B, 0x5F, 0x47] + Array(keys.utf8) + (payload.isEmpty ? [] : [0x3B] + payload) + [0x1B, 0x5C]
    }

    /// The payload in base64, cut into chunks: the first carries the keys, the rest only m= (and q, which every
    /// chunk needs to stay quiet).
    static func chunked(keys: String, payload: [UInt8]) -> [UInt8] {
        let encoded = Array(Data(payload).base64EncodedData())
        var out: [UInt8] = []
        out.reserveCapacity(encoded.count + encoded.count / chunkSize * 16 + 64)
        var start = 0
        repeat {
            let end = min(encoded.count, start + chunkSize)
            let more = end < encoded.count ? 1 : 0
            let chunkKeys = start == 0 ? "\(keys),m=\(more)" : "m=\(more),q=2"
            out += command(chunkKeys, payload: encoded[start..<end])
            start = end
        } while start < encoded.count
        return out
    }
}
