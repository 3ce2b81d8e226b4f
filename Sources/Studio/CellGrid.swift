import Project
import SafeText

/// The screen as cells: views draw here; a backend copies it to the terminal (ncurses) or a test reads it.
public struct CellGrid: Sendable, Equatable {
    public let columns: Int
    public let rows: Int
    public var cells: [Cell]

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        cells = Array(repeating: Cell(), count: self.columns * self.rows)
    }

    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row * columns + column] }
        set { if row >= 0 && row < rows && column >= 0 && column < columns { cells[row * columns + column] = newValue } }
    }

    /// Writes `text` from (row, column), clipped to `width` cells (the row's end by default); returns cells used.
    @discardableResult
    public mutating func write(_ text: String, row: Int, column: Int, width: Int? = nil, scope: Scope = .text) -> Int {
        guard row >= 0 && row < rows else { return 0 }
        let limit = min(columns, column + (width ?? columns))
        var c = column
        // Line breaks and tabs read as spaces on one row; any other control character shows as its escape.
        let flat = String(text.map { $0 == "\n" || $0 == "\t" || $0 == "\r\n" ? " " : $0 })
        for ch in TerminalText.sanitised(flat) where c < limit {
            self[row, c] = Cell(ch, scope)
            c += 1
        }
        return c - column
    }

    public mutating func fill(row: Int, column: Int, width: Int, height: Int = 1, scope: Scope, character: Character = " ") {
        for r in row..<(row + height) { for c in column..<(column + width) { self[r, c] = Cell(character, scope) } }
    }

    /// One row as plain text (for tests and screen captures).
    public func line(_ row: Int) -> String { String(cells[(row * columns)..<((row + 1) * columns)].map(\.character)) }

    public var text: String { (0..<rows).map(line).joined(separator: "\n") }
}
