/// Untrusted text made safe to write to a terminal: the one place that decides which characters may reach it.
///
/// Prompts, notes, shot ids, file names, model configs and child processes' stderr all end up on the terminal;
/// a control character in any of them could clear the screen (CSI 2J), retitle the window or set the clipboard
/// (OSC 0/52), hide a link (OSC 8), overwrite the line (`\r`) or reorder what follows (bidi overrides).
public enum TerminalText {
    /// `text` with every unsafe character (see `isUnsafe`) replaced by a visible `\u{hex}` escape; newlines are kept
    /// when `keepingNewlines` is set (for messages whose lines we wrote ourselves).
    public static func sanitised(_ text: String, keepingNewlines: Bool = false) -> String {
        // Most text is clean: return it as is rather than rebuilding it.
        guard text.unicodeScalars.contains(where: { isUnsafe($0) && !(keepingNewlines && $0 == "\n") }) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) && !(keepingNewlines && scalar == "\n") {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `character` for one screen cell: itself when safe, else one visible stand-in (a text editor maps one
    /// character to one cell, so it cannot use the longer escape): the Control Pictures symbol for C0 and DEL
    /// (␛ for ESC), U+FFFD for C1 controls and bidi overrides.
    public static func cellCharacter(_ character: Character) -> Character {
        guard character.unicodeScalars.contains(where: isUnsafe) else { return character }
        let first = character.unicodeScalars.first!.value
        if first < 0x20, let picture = Unicode.Scalar(0x2400 + first) { return Character(picture) }
        if first == 0x7F { return "\u{2421}" }
        return "\u{FFFD}"
    }

    /// Whether `scalar` acts on a terminal instead of showing: C0 controls (tab and newline included), DEL, C1
    /// controls (U+0080–U+009F, which 8-bit terminals read as CSI, OSC, DCS…), and the bidirectional embeddings,
    /// overrides, isolates and marks that reorder the text after them.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `text` as a double-quoted string with the escapes JSON and TOML share: `\"`, `\\`, `\n`, `\r`, `\t`, and
    /// `\uXXXX` (at least four hex digits, in `uppercase` or not) for everything else `isUnsafe` names, so a file or
    /// a line printed to a terminal cannot act on it; the value read back is the same.
    public static func quoted(_ text: String, uppercase: Bool = false) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: appendEscaping(scalar, to: &out, uppercase: uppercase)
            }
        }
        return out + "\""
    }

    /// `scalar` as `\uXXXX` when `isUnsafe` names it, else as itself: for writers with their own quoting rules.
    public static func appendEscaping(_ scalar: Unicode.Scalar, to out: inout String, uppercase: Bool = false) {
        guard isUnsafe(scalar) else {
            out.unicodeScalars.append(scalar)
            return
        }
        let hex = String(scalar.value, radix: 16, uppercase: uppercase)
        out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
