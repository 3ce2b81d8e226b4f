/// A key press, as the backend decodes it.
public enum Key: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    case enter, escape, backspace, delete, tab, space
    case up, down, left, right, home, end
    case pageUp, pageDown, insert
    /// F1…F12.
    case function(Int)
    /// A key pressed with Shift, Alt or Ctrl that has no plain spelling of its own (Ctrl-←, Shift-End).
    indirect case modified(Key, KeyModifiers)
    /// Text the terminal pasted (bracketed paste): always text for the focused field, never keys.
    case paste(String)
    case resize

    /// Parses the spellings keymaps use: "j", "J", "enter", "ctrl-r", "space", "?".
    public init?(spec: String) {
        switch spec.lowercased() {
        case "enter", "return": self = .enter
        case "esc", "escape": self = .escape
        case "backspace": self = .backspace
        case "delete", "del": self = .delete
        case "tab": self = .tab
        case "space": self = .space
        case "up": self = .up
        case "down": self = .down
        case "left": self = .left
        case "right": self = .right
        case "home": self = .home
        case "end": self = .end
        case "pgup", "pageup": self = .pageUp
        case "pgdn", "pagedown": self = .pageDown
        case "insert", "ins": self = .insert
        default:
            if spec.lowercased().hasPrefix("ctrl-"), spec.count == 6, let c = spec.last { self = .ctrl(Character(c.lowercased())); return }
            if spec.lowercased().hasPrefix("f"), let n = Int(spec.dropFirst()), (1...12).contains(n) { self = .function(n); return }
            guard spec.count == 1, let c = spec.first else { return nil }
            self = .char(c)
        }
    }

    /// The key without its modifiers, for fields that treat Shift-End as End.
    public var unmodified: Key {
        if case .modified(let key, _) = self { return key }
        return self
    }

    /// How help shows the key.
    public var label: String {
        switch self {
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-\(c.uppercased())"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .tab: return "Tab"
        case .space: return "Space"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .insert: return "Insert"
        case .function(let n): return "F\(n)"
        case .modified(let key, let modifiers): return modifiers.label + key.label
        case .paste: return "paste"
        case .resize: return "resize"
        }
    }
}
