import TOML

/// Colours for scopes, read from `Themes/NAME.toml` (a palette and helix-style scopes) over a compiled-in default.
/// A scope a theme leaves out falls back to its parent; unknown keys are reported, not dropped silently.
public struct Theme: Sendable, Equatable {
    /// A terminal colour: -1 the terminal's default, 0…15 ANSI, 16…255 the xterm palette.
    public struct Style: Sendable, Equatable {
        public var foreground: Int
        public var background: Int
        public var bold: Bool

        public init(foreground: Int = -1, background: Int = -1, bold: Bool = false) {
            self.foreground = foreground
            self.background = background
            self.bold = bold
        }
    }

    public var name: String
    public var styles: [Scope: Style]

    /// The style of a scope: the theme's own, else its nearest parent scope's in the theme, else the
    /// compiled-in theme's (so a theme file may set only what it changes).
    public func style(_ scope: Scope) -> Style {
        var s: Scope? = scope
        while let current = s {
            if let style = styles[current] { return style }
            s = current.fallback
        }
        return name == Theme.standard.name && styles == Theme.standard.styles ? Style() : Theme.standard.style(scope)
    }

    /// Works on 16-colour terminals: ANSI colours only.
    public static let standard = Theme(name: "default", styles: [
        .text: Style(),
        .dim: Style(foreground: 8),
        .title: Style(foreground: 14, bold: true),
        .selection: Style(foreground: 0, background: 6),
        .focus: Style(foreground: 0, background: 3),
        .statusbar: Style(foreground: 15, background: 4),
        .error: Style(foreground: 15, background: 1, bold: true),
        .timeline: Style(foreground: 0, background: 7),
        .timelineAlt: Style(foreground: 0, background: 8),
        .timelineSelected: Style(foreground: 0, background: 6),
        .playhead: Style(foreground: 1, background: 7, bold: true),
        .border: Style(foreground: 8),
        .cursor: Style(foreground: 0, background: 15),
        .ready: Style(foreground: 2),
        .stale: Style(foreground: 3),
        .rendering: Style(foreground: 6),
    ])

    static let colourNames: [String: Int] = [
        "default": -1, "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "gray": 8, "grey": 8, "bright-black": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11, "bright-blue": 12,
        "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// Reads a theme file over the standard theme. Returns the theme and a warning per unknown key or colour.
    public static func load(_ text: String, name: String) throws -> (Theme, [String]) {
        let root = try TOMLParser.parse(text)
        var warnings: [String] = []
        var palette: [String: Int] = [:]
        if case .table(let table)? = root["palette"]?.value {
            for e in table.entries {
                if let c = colour(e.node, palette: [:]) { palette[e.key] = c } else { warnings.append("\(name):\(e.keyPosition): palette colour '\(e.key)' is not a colour name or 0…255") }
            }
        }
        var theme = Theme(name: name, styles: [:])
        for e in root.entries where e.key != "palette" {
            guard let scope = Scope(rawValue: e.key) else {
                warnings.append("\(name):\(e.keyPosition): unknown scope '\(e.key)' (known: \(Scope.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            guard case .table(let spec) = e.node.value else {
                warnings.append("\(name):\(e.keyPosition): '\(e.key)' should be a table like { fg = \"cyan\", bg = \"black\" }")
                continue
            }
            var style = Style()
            for part in spec.entries {
                switch part.key {
                case "fg": style.foreground = colour(part.node, palette: palette) ?? { warnings.append("\(name):\(part.keyPosition): unknown colour \(part.node.raw)"); return -1 }()
                case "bg": style.background = colour(part.node, palette: palette) ?? { warnings.append("\(name):\(part.keyPosition): unknown colour \(part.node.raw)"); return -1 }()
                case "bold": if case .boolean(let b) = part.node.value { style.bold = b }
                default: warnings.append("\(name):\(part.keyPosition): unknown key '\(part.key)' in \(e.key) (expected fg, bg, bold)")
                }
            }
            theme.styles[scope] = style
        }
        return (theme, warnings)
    }

    static func colour(_ node: TOMLNode, palette: [String: Int]) -> Int? {
        switch node.value {
        case .integer(let i) where (0...255).contains(i): return Int(i)
        case .string(let s): return palette[s] ?? colourNames[s.lowercased()]
        default: return nil
        }
    }
}
