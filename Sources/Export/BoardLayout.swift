/// How many panels a board page holds: columns × rows, or one large panel per page.
public enum BoardLayout: String, CaseIterable, Sendable {
    case twoByThree = "2x3"
    case threeByTwo = "3x2"
    case threeByThree = "3x3"
    case oneUp = "1up"

    public var columns: Int {
        switch self {
        case .twoByThree: return 2
        case .threeByTwo: return 3
        case .threeByThree: return 3
        case .oneUp: return 1
        }
    }

    public var rows: Int {
        switch self {
        case .twoByThree: return 3
        case .threeByTwo: return 2
        case .threeByThree: return 3
        case .oneUp: return 1
        }
    }

    public var panelsPerPage: Int { columns * rows }
}
