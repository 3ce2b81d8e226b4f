/// The pixel size a sixel is sent at: the cells it covers times the cell size, shrunk to the terminal's largest
/// sixel (XTSMGRAPHICS) when that is smaller, keeping the aspect ratio. A terminal clips a larger sixel, so sending
/// one would cut the picture off rather than show it whole.
public enum SixelGeometry {
    /// Pixel width and height for `columns × rows` cells of `cellSize`, within `limit` when one is known.
    public static func size(columns: Int, rows: Int, cellSize: (width: Int, height: Int),
                            limit: (width: Int, height: Int)?) -> (width: Int, height: Int) {
        var width = max(1, columns * cellSize.width), height = max(1, rows * cellSize.height)
        if let limit, limit.width > 0, limit.height > 0, width > limit.width || height > limit.height {
            let k = min(Double(limit.width) / Double(width), Double(limit.height) / Double(height))
            // Rounding down keeps the result inside the limit; the other side follows the same factor.
            width = max(1, min(limit.width, Int(Double(width) * k)))
            height = max(1, min(limit.height, Int(Double(height) * k)))
        }
        return (width, height)
    }
}
