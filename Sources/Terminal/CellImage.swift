import Imaging

/// An image at terminal-cell resolution for half-block drawing: each cell shows a top pixel (the ▀ glyph's
/// foreground) and a bottom pixel (its background).
public struct CellImage: Sendable, Equatable {
    public let columns: Int
    public let rows: Int
    /// `columns × rows` top colours, row-major.
    public var top: [RGB8]
    /// `columns × rows` bottom colours.
    public var bottom: [RGB8]

    public init(columns: Int, rows: Int, top: [RGB8], bottom: [RGB8]) {
        precondition(top.count == columns * rows && bottom.count == columns * rows)
        self.columns = columns
        self.rows = rows
        self.top = top
        self.bottom = bottom
    }

    /// Downscales a frame to fit `columns × rows` cells (two pixels per cell vertically), area-averaged in linear light.
    public init(frame: Frame, columns: Int, rows: Int, background: RGB8 = RGB8(0, 0, 0)) {
        let pixels = Downscaler.resample(frame, width: columns, height: rows * 2, background: background)
        var top = [RGB8](), bottom = [RGB8]()
        top.reserveCapacity(columns * rows)
        bottom.reserveCapacity(columns * rows)
        for r in 0..<rows {
            top.append(contentsOf: pixels[(2 * r * columns)..<((2 * r + 1) * columns)])
            bottom.append(contentsOf: pixels[((2 * r + 1) * columns)..<((2 * r + 2) * columns)])
        }
        self.init(columns: columns, rows: rows, top: top, bottom: bottom)
    }

    /// The largest cell size with the frame's aspect that fits `maxColumns × maxRows`, for cells `cellAspect`
    /// times as tall as wide (2 for most terminal fonts: a half-block is then square).
    public static func fit(frameWidth: Int, frameHeight: Int, maxColumns: Int, maxRows: Int, cellAspect: Double = 2) -> (columns: Int, rows: Int) {
        let aspect = Double(frameWidth) / Double(frameHeight)
        var columns = maxColumns
        var rows = Int((Double(columns) / aspect / cellAspect).rounded())
        if rows > maxRows {
            rows = maxRows
            columns = Int((Double(rows) * aspect * cellAspect).rounded())
        }
        return (max(1, min(columns, maxColumns)), max(1, rows))
    }
}
