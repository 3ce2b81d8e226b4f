/// Reads a terminal's answers to the start-up queries. A pure function over bytes, so garbage, partial or
/// missing replies only ever mean "not known" (and half-blocks), never a crash or a hang.
public enum ReplyParser {
    /// Applies every reply found in `bytes` to `capabilities`.
    public static func parse(_ bytes: [UInt8], into capabilities: inout TerminalCapabilities) {
        _ = scan(bytes, into: &capabilities)
    }

    /// How many complete DA1 replies `bytes` holds: the probe waits for as many as it asked for.
    public static func deviceAttributeReplies(in bytes: [UInt8]) -> Int {
        var scratch = TerminalCapabilities()
        return scan(bytes, into: &scratch)
    }

    /// Applies every reply and returns the number of DA1 replies among them.
    static func scan(_ bytes: [UInt8], into capabilities: inout TerminalCapabilities) -> Int {
        var i = 0, deviceAttributes = 0
        while i < bytes.count {
            // String replies: the kitty graphics answer (APC) and XTVERSION (DCS).
            if bytes[i] == 0x1B, i + 1 < bytes.count, bytes[i + 1] == 0x5F || bytes[i + 1] == 0x50 {
                guard let end = stringTerminator(bytes, from: i + 2) else { return deviceAttributes }
                applyString(Array(bytes[(i + 2)..<end]), introducer: bytes[i + 1], to: &capabilities)
                i = end + 2
                continue
            }
            guard bytes[i] == 0x1B, i + 1 < bytes.count, bytes[i + 1] == 0x5B else {
                i += 1
                continue
            }
            var j = i + 2
            let privateMarker = j < bytes.count && bytes[j] == 0x3F
            if privateMarker { j += 1 }
            var params: [Int] = []
            var current = 0, digits = 0
            while j < bytes.count, (bytes[j] >= 0x30 && bytes[j] <= 0x39) || bytes[j] == 0x3B {
                if bytes[j] == 0x3B {
                    params.append(current)
                    current = 0
                    digits = 0
                } else if digits < 9 {
                    current = current * 10 + Int(bytes[j] - 0x30)
                    digits += 1
                }
                j += 1
            }
            params.append(current)
            guard j < bytes.count else { return deviceAttributes }  // truncated reply: ignore the rest
            switch (bytes[j], privateMarker) {
            case (0x63, true):  // DA1: ESC [ ? 62 ; 4 ; 22 c
                capabilities.answered = true
                deviceAttributes += 1
                if params.dropFirst().contains(4) { capabilities.sixel = true }
            case (0x53, true):  // XTSMGRAPHICS: ESC [ ? Pi ; Ps ; Pv… S
                if params.count >= 3, params[1] == 0 {
                    if params[0] == 1, params[2] > 0 { capabilities.colourRegisters = min(params[2], 65_536) }
                    if params[0] == 2, params.count >= 4, params[2] > 0, params[3] > 0 {
                        capabilities.maxGraphicsSize = (params[2], params[3])
                    }
                }
            case (0x74, false):  // CSI 6 ; height ; width t: cell size in pixels
                if params.count >= 3, params[0] == 6, params[1] > 0, params[2] > 0, params[1] < 1000, params[2] < 1000 {
                    capabilities.cellSize = (params[2], params[1])
                }
            default:
                break
            }
            i = j + 1
        }
        return deviceAttributes
    }

    /// Where the ST (`ESC \\`) ending a string reply starts, or nil when it has not come.
    static func stringTerminator(_ bytes: [UInt8], from start: Int) -> Int? {
        var j = start
        while j + 1 < bytes.count {
            if bytes[j] == 0x1B && bytes[j + 1] == 0x5C { return j }
            j += 1
        }
        return nil
    }

    /// `G i=31;OK` (APC) says the kitty graphics protocol works; `>|name version` (DCS) names the terminal.
    static func applyString(_ body: [UInt8], introducer: UInt8, to capabilities: inout TerminalCapabilities) {
        let text = String(decoding: body.prefix(256), as: UTF8.self)
        if introducer == 0x5F, text.hasPrefix("G"), let semicolon = text.firstIndex(of: ";") {
            // Only the reply to our query (i=31): a stray reply to someone else's image says nothing.
            let keys = text[text.index(after: text.startIndex)..<semicolon].split(separator: ",")
            if keys.contains("i=\(TerminalProbe.kittyQueryID)"), text[text.index(after: semicolon)...].hasPrefix("OK") { capabilities.kitty = true }
        } else if introducer == 0x50, text.hasPrefix(">|") {
            let name = String(text.dropFirst(2))
            capabilities.version = name
            if name.hasPrefix("iTerm2") || name.hasPrefix("WezTerm") { capabilities.iterm2 = true }
        }
    }

    /// Applies environment hints: truecolor (`ColourMode.detect`: COLORTERM or terminfo `RGB`), tmux (TMUX), iTerm2
    /// inline images (TERM_PROGRAM, LC_TERMINAL).
    public static func applyEnvironment(_ env: [String: String], to capabilities: inout TerminalCapabilities) {
        if ColourMode.detect(environment: env) == .truecolor { capabilities.truecolor = true }
        // iTerm2 sets LC_TERMINAL, which ssh passes on; both set TERM_PROGRAM locally.
        if ["iTerm.app", "WezTerm"].contains(env["TERM_PROGRAM"] ?? "") || env["LC_TERMINAL"] == "iTerm2" { capabilities.iterm2 = true }
        guard env["TMUX"] != nil else { return }
        if env["STORYREEL_TMUX_PASSTHROUGH"] == "1" { capabilities.tmuxPassthrough = true } else { capabilities.insideTmux = true }
    }
}
