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
            guard bytes[i] == 0x1B, i + 1 < bytes.count, bytes[i + 1] == 0x5B else { i += 1; continue }
            var j = i + 2
            let privateMarker = j < bytes.count && bytes[j] == 0x3F
            if privateMarker { j += 1 }
            var params: [Int] = []
            var current = 0, digits = 0
            while j < bytes.count, (bytes[j] >= 0x30 && bytes[j] <= 0x39) || bytes[j] == 0x3B {
                if bytes[j] == 0x3B { params.append(current); current = 0; digits = 0 } else if digits < 9 {
                    current = current * 10 + Int(bytes[j] - 0x30); digits += 1
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

    /// Applies environment hints: truecolor (COLORTERM), tmux (TMUX).
    public static func applyEnvironment(_ env: [String: String], to capabilities: inout TerminalCapabilities) {
        let colorterm = env["COLORTERM"]?.lowercased() ?? ""
        if colorterm == "truecolor" || colorterm == "24bit" { capabilities.truecolor = true }
        guard env["TMUX"] != nil else { return }
        if env["STORYREEL_TMUX_PASSTHROUGH"] == "1" { capabilities.tmuxPassthrough = true } else { capabilities.insideTmux = true }
    }
}
