/// A key press, as the backend decodes it.
public enum Key: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    case enter, escape, backspace, delete, tab, space
    case up, down, left, right, home, end
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
        default:
            if spec.lowercased().hasPrefix("ctrl-"), spec.count == 6, let c = spec.last { self = .ctrl(Character(c.lowercased())); return }
            guard spec.count == 1, let c = spec.first else { return nil }
            self = .char(c)
        }
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
        case .resize: return "resize"
        }
    }
}
