/// A worker's float32 copies of the 16-bit parts of a product: row blocks of A, slices of B's panels. Each is
/// converted once per pass and reused from cache by every tile that reads it, which costs next to nothing;
/// converting inside the micro-kernel instead would halve its speed. Buffers grow to the largest request and are
/// reused across calls of one product.
final class OperandStaging {
    private var rowsBuffer: UnsafeMutablePointer<Float>?, rowsCapacity = 0
    private var panelsBuffer: UnsafeMutablePointer<Float>?, panelsCapacity = 0

    deinit {
        rowsBuffer?.deallocate()
        panelsBuffer?.deallocate()
    }

    /// Rows first..<first + count of A, columns k0..<k0 + depth, converted into consecutive rows `depth` apart.
    func rows(_ a: UnsafePointer<UInt16>, format: HalfFloats.Format, lda: Int, first: Int, count: Int, k0: Int,
              depth: Int) -> UnsafePointer<Float> {
        let buffer = Self.reserve(&rowsBuffer, &rowsCapacity, count * depth)
        for r in 0..<count {
            format.convert(a + (first + r) * lda + k0, count: depth, into: buffer + r * depth)
        }
        return UnsafePointer(buffer)
    }

    /// The pass's slices (K rows k0..<k0 + depth) of panels `range`, converted side by side: panel p's slice
    /// starts at (starts[p] − starts[range.lowerBound]) · depth.
    func panels(_ b: PackedPanels, _ halves: UnsafePointer<UInt16>, format: HalfFloats.Format, range: Range<Int>,
                k0: Int, depth: Int) -> UnsafePointer<Float> {
        let first = b.starts[range.lowerBound], columns = b.starts[range.upperBound - 1] + b.widths[range.upperBound - 1] - first
        let buffer = Self.reserve(&panelsBuffer, &panelsCapacity, columns * depth)
        for p in range {
            let width = b.widths[p]
            format.convert(halves + b.starts[p] * b.rows + k0 * width, count: depth * width,
                           into: buffer + (b.starts[p] - first) * depth)
        }
        return UnsafePointer(buffer)
    }

    private static func reserve(_ buffer: inout UnsafeMutablePointer<Float>?, _ capacity: inout Int,
                                _ count: Int) -> UnsafeMutablePointer<Float> {
        if let buffer, capacity >= count { return buffer }
        buffer?.deallocate()
        let fresh = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        buffer = fresh
        capacity = count
        return fresh
    }
}
