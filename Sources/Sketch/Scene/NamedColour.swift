/// A colour word the prompt compiler knows, with the marker tone a storyboard artist would use for it.
public enum NamedColour: String, CaseIterable, Sendable, Codable {
    case red, orange, yellow, green, blue, purple, pink, brown, black, white, grey, beige, navy, teal, gold, silver, cream

    /// sRGB components in 0...1, muted like marker on paper rather than pure primaries.
    public var rgb: (r: Double, g: Double, b: Double) {
        switch self {
        case .red: return (0.78, 0.22, 0.20)
        case .orange: return (0.90, 0.52, 0.20)
        case .yellow: return (0.93, 0.80, 0.30)
        case .green: return (0.35, 0.60, 0.32)
        case .blue: return (0.25, 0.42, 0.75)
        case .purple: return (0.50, 0.32, 0.65)
        case .pink: return (0.90, 0.55, 0.65)
        case .brown: return (0.52, 0.35, 0.22)
        case .black: return (0.15, 0.15, 0.17)
        case .white: return (0.94, 0.93, 0.90)
        case .grey: return (0.58, 0.58, 0.60)
        case .beige: return (0.85, 0.77, 0.62)
        case .navy: return (0.16, 0.22, 0.42)
        case .teal: return (0.20, 0.55, 0.55)
        case .gold: return (0.83, 0.66, 0.25)
        case .silver: return (0.75, 0.76, 0.78)
        case .cream: return (0.95, 0.91, 0.80)
        }
    }
}
