/// The scanline filter the encoder applies before deflate (PNG spec 9.2).
public enum PNGFilter: Sendable, CaseIterable {
    /// No filtering.
    case none
    /// Difference to the pixel on the left.
    case sub
    /// Difference to the pixel above.
    case up
    /// Difference to the mean of left and above.
    case average
    /// Difference to the Paeth predictor of left, above and upper-left.
    case paeth
    /// libpng picks a filter per row by its minimum-sum-of-absolute-differences heuristic.
    case adaptive
}
