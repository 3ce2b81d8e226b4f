/// Turns the bytes a terminal sends into keys, whatever `TERM` says: xterm CSI and SS3 forms (with modifiers),
/// VT220 and linux-console `ESC [1~`…`ESC [6~` and `ESC [[A`, rxvt `ESC [7~`/`ESC [8~` and its `$ ^ @` finals,
/// UTF-8 text and bracketed paste. An escape sequence it does not know is consumed whole and dropped, never read
/// as Esc followed by its bytes as keys: those bytes would run as commands (`ESC [4~` as Esc, `4`, `~`).
///
/// A value fed one read at a time: a sequence cut between two reads waits in `pending` for the next one, and
/// `flush()` (called when the terminal has been quiet for the escape delay) settles what is left.
public struct KeyDecoder: Sendable {
    /// Bytes of a sequence or character not complete yet.
    private var pending: [UInt8] = []
    /// Inside a bracketed paste: the text so far.
    private var pasted: [UInt8]?
    /// Inside a sequence or string found too long to be anything we know: its bytes are dropped to its end.
    private var skipping: Skipping?

    /// Longest control sequence decoded: one whose final byte does not come within this many bytes is garbage,
    /// dropped to its final byte however its bytes are split between reads.
    static let maxSequence = 64
    /// Longest string sequence (DCS, OSC, APC: late replies to start-up queries) read whole; a longer one is
    /// dropped to its terminator the same way.
    static let maxString = 4096
    static let pasteEnd: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]

    public init() {}

    /// Whether bytes wait for more (a lone ESC, half a sequence, an open paste): the caller should read again soon,
    /// and call `flush()` if nothing comes.
    public var isWaiting: Bool { !pending.isEmpty || pasted != nil || skipping != nil }

    /// Whether a bracketed paste is open; its end may be a while coming, so `flush()` leaves it open.
    public var isPasting: Bool { pasted != nil }

    /// Decodes one read's bytes.
    public mutating func feed(_ bytes: [UInt8]) -> [Key] {
        pending += bytes
        var keys: [Key] = []
        var i = 0
        while i < pending.count {
            if pasted != nil {
                i = takePaste(from: i, into: &keys)
                if pasted != nil { break }  // the end marker has not come (or is cut in half): wait
                continue
            }
            if let kind = skipping {
                i = skip(kind, from: i)
                if skipping != nil { break }  // the end has not come: go on dropping with the next read
                continue
            }
            switch Self.decode(pending, at: i) {
            case .incomplete:
                pending.removeFirst(i)
                return keys
            case .key(let key, let length):
                if let key { keys.append(key) }
                i += length
            case .pasteStart(let length):
                pasted = []
                i += length
            case .skip(let length, let kind):
                skipping = kind
                i += length
            }
        }
        pending.removeFirst(min(i, pending.count))
        return keys
    }

    /// The terminal has been quiet: a lone ESC is the Esc key, ESC ESC two of them, and half a sequence or
    /// character is dropped, as is the rest of a too-long one being skipped (what comes next is typed). An open
    /// paste stays open.
    public mutating func flush() -> [Key] {
        guard pasted == nil else { return [] }
        defer { pending.removeAll(); skipping = nil }
        if skipping != nil { return [] }
        if pending == [0x1B] { return [.escape] }
        if pending == [0x1B, 0x1B] { return [.escape, .escape] }
        return []
    }

    /// Copies paste text up to the end marker; returns where decoding goes on.
    private mutating func takePaste(from start: Int, into keys: inout [Key]) -> Int {
        var i = start
        while i < pending.count {
            if pending[i] == 0x1B {
                let rest = pending[i...]
                if rest.starts(with: Self.pasteEnd) {
                    keys.append(.paste(String(decoding: pasted ?? [], as: UTF8.self)))
                    pasted = nil
                    return i + Self.pasteEnd.count
                }
                // Perhaps the marker's first half: keep it for the next read.
                if Self.pasteEnd.starts(with: rest) {
                    pending.removeFirst(i)
                    return 0
                }
            }
            pasted?.append(pending[i])
            i += 1
        }
        pending.removeAll()
        return 0
    }

    /// What a too-long sequence is dropped up to.
    enum Skipping: Equatable, Sendable {
        /// A control sequence: parameter and intermediate bytes (0x20–0x3F), then its final byte (0x40–0x7E),
        /// dropped too; any other byte ends it and is decoded.
        case sequence
        /// A string: up to BEL or ST (`ESC \`), dropped too.
        case string
    }

    /// Drops bytes of a too-long sequence from `start`; returns where decoding goes on (the end of `pending`
    /// when the sequence goes on past it, `skipping` then still set).
    private mutating func skip(_ kind: Skipping, from start: Int) -> Int {
        var i = start
        while i < pending.count {
            let byte = pending[i]
            switch kind {
            case .sequence:
                if (0x20...0x3F).contains(byte) { i += 1; continue }
                skipping = nil
                return (0x40...0x7E).contains(byte) ? i + 1 : i
            case .string:
                if byte == 0x07 { skipping = nil; return i + 1 }
                if byte == 0x1B {
                    guard i + 1 < pending.count else { return i }  // perhaps the first half of ST: wait, keeping it
                    if pending[i + 1] == 0x5C { skipping = nil; return i + 2 }
                }
                i += 1
            }
        }
        return i
    }

    /// What decoding at `i` found.
    enum Step: Equatable {
        /// A key (nil: a sequence consumed and dropped) and how many bytes it took.
        case key(Key?, Int)
        /// The bytes end before the sequence or character does.
        case incomplete
        /// `ESC [200~`: what follows is pasted text.
        case pasteStart(Int)
        /// A sequence too long to be anything we know: drop this many bytes, and the rest of it as it comes.
        case skip(Int, Skipping)
    }

    static func decode(_ b: [UInt8], at i: Int) -> Step {
        let byte = b[i]
        switch byte {
        case 0x1B: return escape(b, at: i)
        case 0x0D, 0x0A: return .key(.enter, 1)
        case 0x09: return .key(.tab, 1)
        case 0x7F, 0x08: return .key(.backspace, 1)
        case 0x20: return .key(.space, 1)
        case 0x01...0x1A: return .key(.ctrl(Character(Unicode.Scalar(byte + 0x60))), 1)
        case 0x00, 0x1C...0x1F: return .key(nil, 1)
        case 0x21...0x7E: return .key(.char(Character(Unicode.Scalar(byte))), 1)
        default: return utf8(b, at: i)
        }
    }

    /// One UTF-8 character; a byte that cannot start one is dropped.
    static func utf8(_ b: [UInt8], at i: Int) -> Step {
        let lead = b[i]
        let length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xC2 && lead <= 0xDF ? 2 : 0
        guard length > 0 else { return .key(nil, 1) }
        var n = 1
        while n < length {
            guard i + n < b.count else { return .incomplete }
            guard b[i + n] & 0xC0 == 0x80 else { return .key(nil, n) }  // broken: drop what was read, go on from here
            n += 1
        }
        let text = String(decoding: b[i..<(i + length)], as: UTF8.self)
        guard let c = text.first, text.unicodeScalars.first?.value != 0xFFFD else { return .key(nil, length) }
        return .key(.char(c), length)
    }

    static func escape(_ b: [UInt8], at i: Int) -> Step {
        guard i + 1 < b.count else { return .incomplete }
        switch b[i + 1] {
        case 0x5B: return csi(b, at: i)
        case 0x4F: return ss3(b, at: i)
        case 0x50, 0x5D, 0x5F, 0x5E, 0x58: return string(b, at: i)  // DCS, OSC, APC, PM, SOS
        case 0x1B:
            // rxvt and others send Alt-arrow as ESC before the arrow's own sequence.
            guard i + 2 < b.count else { return .incomplete }
            guard b[i + 2] == 0x5B || b[i + 2] == 0x4F else { return .key(.escape, 1) }
            switch escape(b, at: i + 1) {
            case .incomplete: return .incomplete
            case .key(let key, let length): return .key(key.map { alt($0) }, length + 1)
            case .pasteStart(let length): return .pasteStart(length + 1)
            case .skip(let length, let kind): return .skip(length + 1, kind)
            }
        default:
            // Esc then a key, typed quickly (or Alt-key, which terminals send the same way): Esc first.
            return .key(.escape, 1)
        }
    }

    static func alt(_ key: Key) -> Key {
        if case .modified(let base, let modifiers) = key { return .modified(base, modifiers.union(.alt)) }
        return .modified(key, .alt)
    }

    /// `ESC [ params intermediates final`.
    static func csi(_ b: [UInt8], at i: Int) -> Step {
        var j = i + 2
        guard j < b.count else { return .incomplete }
        // The linux console's F1–F5: ESC [ [ A … E ('[' would otherwise be the final byte).
        if b[j] == 0x5B {
            guard j + 1 < b.count else { return .incomplete }
            let f = Int(b[j + 1]) - 0x40
            return .key((1...5).contains(f) ? .function(f) : nil, 4)
        }
        // X10 mouse report: three raw bytes follow the M.
        if b[j] == 0x4D {
            return i + 6 <= b.count ? .key(nil, 6) : .incomplete
        }
        // Only the first maxSequence bytes decide, so a sequence reads the same however its bytes are split between
        // reads: a long one cut after 70 bytes must not be dropped there and its last bytes typed as keys.
        let end = min(b.count, i + maxSequence)
        let paramStart = j
        while j < end, (0x30...0x3F).contains(b[j]) { j += 1 }
        let paramEnd = j
        // rxvt's modified keys end in '$' (Shift), which is otherwise an intermediate byte.
        if j < end, b[j] == 0x24, paramEnd > paramStart, b[paramStart...].first.map({ (0x30...0x39).contains($0) }) == true {
            return .key(tilde(params(b[paramStart..<paramEnd]), final: 0x24), j + 1 - i)
        }
        while j < end, (0x20...0x2F).contains(b[j]) { j += 1 }
        guard j < end else { return end == i + maxSequence ? .skip(maxSequence, .sequence) : .incomplete }
        let final = b[j]
        // A byte that cannot be in a control sequence: what came before was garbage; decoding goes on from here.
        guard (0x40...0x7E).contains(final) else { return .key(nil, j - i) }
        let length = j + 1 - i
        let raw = b[paramStart..<paramEnd]
        // Private parameters ('<', '=', '>', '?') and intermediates are replies and mouse reports, never keys.
        if let first = raw.first, first >= 0x3C { return .key(nil, length) }
        if paramEnd != j { return .key(nil, length) }
        let p = params(raw)
        if final == 0x7E, p.first == 200 { return .pasteStart(length) }
        return .key(csiKey(p, final: final), length)
    }

    static func csiKey(_ p: [Int], final: UInt8) -> Key? {
        let modifiers = KeyModifiers(xtermParameter: p.count > 1 ? p[1] : 0)
        switch final {
        case 0x7E, 0x5E, 0x40: return tilde(p, final: final)  // '~', and rxvt's '^' (Ctrl) and '@' (Ctrl-Shift)
        case 0x41: return with(.up, modifiers)
        case 0x42: return with(.down, modifiers)
        case 0x43: return with(.right, modifiers)
        case 0x44: return with(.left, modifiers)
        case 0x48: return with(.home, modifiers)
        case 0x46: return with(.end, modifiers)
        case 0x50...0x53: return with(.function(Int(final) - 0x4F), modifiers)  // xterm's modified F1–F4: CSI 1;2P
        case 0x5A: return .modified(.tab, .shift)
        // rxvt's Shift-arrows.
        case 0x61: return .modified(.up, .shift)
        case 0x62: return .modified(.down, .shift)
        case 0x63: return .modified(.right, .shift)
        case 0x64: return .modified(.left, .shift)
        default: return nil
        }
    }

    /// `ESC [ n ~` and rxvt's `ESC [ n ^` / `$` / `@`, by their number.
    static func tilde(_ p: [Int], final: UInt8) -> Key? {
        let base: Key?
        switch p.first ?? 0 {
        case 1, 7: base = .home      // VT220 / linux console Find; rxvt Home
        case 4, 8: base = .end       // VT220 / linux console Select; rxvt End
        case 2: base = .insert
        case 3: base = .delete
        case 5: base = .pageUp
        case 6: base = .pageDown
        case 11...15: base = .function((p.first ?? 0) - 10)
        case 17...21: base = .function((p.first ?? 0) - 11)
        case 23, 24: base = .function((p.first ?? 0) - 12)
        default: base = nil
        }
        guard let base else { return nil }
        switch final {
        case 0x5E: return .modified(base, .ctrl)
        case 0x24: return .modified(base, .shift)
        case 0x40: return .modified(base, [.ctrl, .shift])
        default: return with(base, KeyModifiers(xtermParameter: p.count > 1 ? p[1] : 0))
        }
    }

    /// `ESC O final`, with an old-style modifier digit between (`ESC O 5 A`).
    static func ss3(_ b: [UInt8], at i: Int) -> Step {
        var j = i + 2
        while j < b.count, (0x30...0x39).contains(b[j]), j - i < maxSequence { j += 1 }
        guard j < b.count else { return .incomplete }
        if j - i == maxSequence { return .skip(maxSequence, .sequence) }
        let final = b[j]
        guard (0x40...0x7E).contains(final) else { return .key(nil, j - i) }
        let modifiers = KeyModifiers(xtermParameter: params(b[(i + 2)..<j]).last ?? 0)
        let key: Key?
        switch final {
        case 0x41: key = with(.up, modifiers)
        case 0x42: key = with(.down, modifiers)
        case 0x43: key = with(.right, modifiers)
        case 0x44: key = with(.left, modifiers)
        case 0x48: key = with(.home, modifiers)
        case 0x46: key = with(.end, modifiers)
        case 0x50...0x53: key = with(.function(Int(final) - 0x4F), modifiers)
        case 0x4D: key = .enter  // keypad Enter in application mode
        // rxvt's Ctrl-arrows.
        case 0x61: key = .modified(.up, .ctrl)
        case 0x62: key = .modified(.down, .ctrl)
        case 0x63: key = .modified(.right, .ctrl)
        case 0x64: key = .modified(.left, .ctrl)
        // The application keypad's digits and operators are the characters on the keys.
        case 0x70...0x79: key = .char(Character(Unicode.Scalar(final - 0x40)))
        case 0x6A: key = .char("*")
        case 0x6B: key = .char("+")
        case 0x6D: key = .char("-")
        case 0x6E: key = .char(".")
        case 0x6F: key = .char("/")
        default: key = nil
        }
        return .key(key, j + 1 - i)
    }

    /// DCS, OSC, APC, PM and SOS strings up to ST (`ESC \`) or BEL: late replies to the start-up queries.
    static func string(_ b: [UInt8], at i: Int) -> Step {
        var j = i + 2
        // As for control sequences, only the first maxString bytes decide.
        let end = i + maxString
        while j < b.count, j < end {
            if b[j] == 0x07 { return .key(nil, j + 1 - i) }
            if b[j] == 0x1B {
                guard j + 1 < b.count else { return .incomplete }
                if b[j + 1] == 0x5C { return .key(nil, j + 2 - i) }
            }
            j += 1
        }
        return j == end ? .skip(maxString, .string) : .incomplete
    }

    /// Semicolon-separated numbers; an empty one is 0 (colon sub-parameters are read as separators).
    static func params(_ bytes: ArraySlice<UInt8>) -> [Int] {
        var out: [Int] = [], current = 0
        for byte in bytes {
            if byte == 0x3B || byte == 0x3A { out.append(current); current = 0 } else if (0x30...0x39).contains(byte), current < 100_000 {
                current = current * 10 + Int(byte - 0x30)
            }
        }
        out.append(current)
        return out
    }

    static func with(_ key: Key, _ modifiers: KeyModifiers) -> Key {
        modifiers.isEmpty ? key : .modified(key, modifiers)
    }
}
