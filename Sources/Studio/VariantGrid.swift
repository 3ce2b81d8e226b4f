/// The variants grid: the selected shot rendered with these seeds (the current one first), one of them focused,
/// and whether the focused seed is shown beside the current one (A/B) instead of the grid.
public struct VariantGrid: Sendable, Equatable {
    public var seeds: [UInt32]
    public var focus = 0
    public var comparing = false

    public init(seeds: [UInt32], focus: Int = 0, comparing: Bool = false) {
        self.seeds = seeds
        self.focus = focus
        self.comparing = comparing
    }

    /// Cells across: 2 for up to four seeds, else 3. The view lays out by it and arrow keys move by it.
    public var columns: Int { seeds.count <= 4 ? 2 : 3 }

    public var focusedSeed: UInt32? { seeds.indices.contains(focus) ? seeds[focus] : nil }
}
