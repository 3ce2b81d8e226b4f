/// tmux's DCS passthrough: `ESC P tmux ; payload-with-every-ESC-doubled ESC \`, which tmux (with
/// `allow-passthrough on`) hands to the outer terminal unchanged instead of interpreting it itself.
public enum TmuxPassthrough {
    static let prefix: [UInt8] = [0x1B, 0x50] + Array("tmux;".utf8)
    static let terminator: [UInt8] = [0x1B, 0x5C]

    /// Wraps `payload` for the terminal outside tmux. Doubling ESC is what lets an ST inside the payload (a sixel's
    /// own `ESC \`) travel without ending the passthrough early.
    public static func wrap(_ payload: [UInt8]) -> [UInt8] {
        var out = prefix
        out.reserveCapacity(payload.count + prefix.count + terminator.count + 8)
        for byte in payload {
            out.append(byte)
            if byte == 0x1B { out.append(0x1B) }
        }
        return out + terminator
    }

    /// The payload of one wrapped sequence, or nil when `bytes` is not exactly one (a lone ESC inside, which tmux
    /// would read as the end, or a missing prefix or terminator).
    public static func unwrap(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= prefix.count + terminator.count, bytes.starts(with: prefix),
              Array(bytes.suffix(terminator.count)) == terminator else { return nil }
        let body = bytes[prefix.count..<(bytes.count - terminator.count)]
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var i = body.startIndex
        while i < body.endIndex {
            if body[i] == 0x1B {
                guard i + 1 < body.endIndex, body[i + 1] == 0x1B else { return nil }
                i += 1
            }
            out.append(body[i])
            i += 1
        }
        return out
    }
}
