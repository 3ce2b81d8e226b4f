/// How much of the frame the main subject fills, from landscape to a detail.
public enum ShotSize: String, CaseIterable, Sendable, Codable {
    case extremeWide = "extreme_wide"
    case wide = "wide"
    case full = "full"
    case medium = "medium"
    case mediumCloseUp = "medium_close_up"
    case closeUp = "close_up"
    case extremeCloseUp = "extreme_close_up"
}
