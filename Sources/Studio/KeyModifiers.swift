/// Shift, Alt, Ctrl and Meta held with a key, as xterm numbers them in `CSI 1 ; m X` (m − 1 is this bit set).
public struct KeyModifiers: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let shift = KeyModifiers(rawValue: 1)
    public static let alt = KeyModifiers(rawValue: 2)
    public static let ctrl = KeyModifiers(rawValue: 4)
    public static let meta = KeyModifiers(rawValue: 8)

    /// From xterm's modifier parameter: 2 is Shift, 5 Ctrl, 3 Alt, and so on; 0 or 1 means none.
    public init(xtermParameter m: Int) {
        self.init(rawValue: m > 1 ? (m - 1) & 0xF : 0)
    }

    /// How help shows them, as a prefix: "Ctrl-Shift-".
    public var label: String {
        [(KeyModifiers.ctrl, "Ctrl-"), (.alt, "Alt-"), (.meta, "Meta-"), (.shift, "Shift-")]
            .filter { contains($0.0) }.map(\.1).joined()
    }
}
