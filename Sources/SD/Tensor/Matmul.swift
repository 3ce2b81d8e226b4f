import Foundation

/// C[m×n] (+)= A[m×k] · B for a row-major A read in place and B in packed panels: every product of the SD model.
/// Linear weights are packed once at load (OpenBLAS repacked both operands of every product, a tenth of a UNet
/// step); convolution weights are the A side, read in place, and only activations are packed per call.
enum Matmul {
    /// Whether the layers use these products; `STORYREEL_SD_GEMM=openblas` runs them on OpenBLAS instead, for
    /// comparison (the micro-kernel has a tile for every instruction set, see `Tiling`).
    static let isAvailable: Bool = ProcessInfo.processInfo.environment["STORYREEL_SD_GEMM"] != "openblas"

    /// Rows of K per pass when K is split: a panel's slice (48 KB for a 48-wide one) stays in cache while row
    /// blocks of A stream past it. Up to twice this depth runs in one pass, since every pass reads and writes all of C,
    /// which for the larger products does not fit in cache (3 passes over 1024×2560 halved the speed).
    static let depthBlock = 256
    /// Bytes of the smaller operand's slice revisited from L2 between micro-kernel calls.
    static let cacheSlice = 256 << 10

    /// A bias added to the product: one value per row of C (a convolution's output channels) or per column (a
    /// linear layer's outputs). It is written into each tile just before the tile's first pass, while in cache.
    enum Bias {
        case perRow(UnsafePointer<Float>)
        case perColumn(UnsafePointer<Float>)

        /// Sets (or adds to) a tile of C whose top-left element is C[firstRow][firstColumn].
        @inline(__always)
        func write(into tile: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int, firstRow: Int,
                   firstColumn: Int, adding: Bool) {
            for r in 0..<rows {
                let row = tile + r * ldc
                switch self {
                case .perRow(let values):
                    let v = values[firstRow + r]
                    if adding { for j in 0..<columns { row[j] += v } } else { row.update(repeating: v, count: columns) }
                case .perColumn(let values):
                    let v = values + firstColumn
                    if adding { for j in 0..<columns { row[j] += v[j] } } else { row.update(from: v, count: columns) }
                }
            }
        }
    }

    /// The left operand A [m×k], row-major: float32 read in place, or 16-bit floats (convolution weights kept as
    /// the checkpoint stores them) converted a few row blocks at a time by each worker.
    enum Left {
        case float(UnsafePointer<Float>)
        case half(UnsafePointer<UInt16>, HalfFloats.Format)
    }

    /// C = A · B (+ bias), or C += A · B (+ bias) when `accumulate`.
    static func multiply(m: Int, a: UnsafePointer<Float>, lda: Int, b: PackedPanels, c: UnsafeMutablePointer<Float>,
                         ldc: Int, accumulate: Bool = false, bias: Bias? = nil, parallel: Bool = true) {
        multiply(m: m, a: .float(a), lda: lda, b: b, c: c, ldc: ldc, accumulate: accumulate, bias: bias, parallel: parallel)
    }

    /// C = A · B (+ bias), or C += A · B (+ bias) when `accumulate`, for either kind of A and of B's panels.
    static func multiply(m: Int, a: Left, lda: Int, b: PackedPanels, c: UnsafeMutablePointer<Float>, ldc: Int,
                         accumulate: Bool = false, bias: Bias? = nil, parallel: Bool = true) {
        let k = b.rows, n = b.columns
        guard m > 0, n > 0 else { return }
        let tiling = b.tiling, blockRows = tiling.rows
        let rowBlocks = (m + blockRows - 1) / blockRows, panels = b.starts.count
        // The larger operand is split between the workers; the smaller one's slice is revisited from cache.
        let splitRows = m >= n
        let units = splitRows ? rowBlocks : panels
        let workers = parallel ? Parallel.workers(forProductOf: m, n, k, units: units) : 1
        let passes = k <= 2 * depthBlock ? 1 : (k + depthBlock - 1) / depthBlock
        let maxDepth = (k + passes - 1) / passes
        // Units of the other operand per chunk, so that the chunk's slice fits in `cacheSlice`.
        let chunk = max(1, cacheSlice / (maxDepth * (splitRows ? tiling.width : blockRows) * 4))
        let target = UnsafeSendableBox(c), left = UnsafeSendableBox(a)
        b.withPanels { floatPanels, halfPanels in
            let floatBase = UnsafeSendableBox(floatPanels), halfBase = UnsafeSendableBox(halfPanels)
            Parallel.forEach(workers) { worker in
                let first = units * worker / workers, end = units * (worker + 1) / workers
                var edge = EdgeScratch(tiling: tiling, depth: maxDepth)
                let staging = OperandStaging()
                for pass in 0..<passes {
                    let k0 = k * pass / passes, depth = k * (pass + 1) / passes - k0
                    /// Rows first..<first + count of A from column k0, and their stride.
                    @inline(__always) func rowsOfA(_ first: Int, _ count: Int) -> (UnsafePointer<Float>, Int) {
                        switch left.value {
                        case .float(let a): (a + first * lda + k0, lda)
                        case .half(let a, let format):
                            (staging.rows(a, format: format, lda: lda, first: first, count: count, k0: k0, depth: depth), depth)
                        }
                    }
                    /// Where panel p's slice of this pass is, for panels `range` (converted together when 16-bit).
                    @inline(__always) func slices(_ range: Range<Int>) -> (Int) -> UnsafePointer<Float> {
                        if let floatPanels = floatBase.value {
                            return { p in floatPanels + b.starts[p] * k + k0 * b.widths[p] }
                        }
                        let halves = halfBase.value!
                        let staged = staging.panels(b, halves.bits, format: halves.format, range: range, k0: k0, depth: depth)
                        let origin = b.starts[range.lowerBound]
                        return { p in staged + (b.starts[p] - origin) * depth }
                    }
                    @inline(__always) func tile(_ block: Int, _ p: Int, _ a: UnsafePointer<Float>, _ lda: Int,
                                                _ panel: UnsafePointer<Float>) {
                        let width = b.widths[p], column = b.starts[p]
                        let firstRow = block * blockRows
                        let rows = min(blockRows, m - firstRow), columns = min(width, n - column)
                        let tile = target.value + firstRow * ldc + column
                        if pass == 0, let bias {
                            bias.write(into: tile, ldc: ldc, rows: rows, columns: columns, firstRow: firstRow,
                                       firstColumn: column, adding: accumulate)
                        }
                        edge.multiply(rows: rows, columns: columns, width: width, a: a, lda: lda, panel: panel, depth: depth,
                                      c: tile, ldc: ldc, accumulate: accumulate || pass > 0 || bias != nil)
                    }
                    if splitRows {
                        // A row block of A stays in L1 across a chunk of panels held in L2.
                        for firstPanel in stride(from: 0, to: panels, by: chunk) {
                            let lastPanel = min(panels, firstPanel + chunk)
                            let panel = slices(firstPanel..<lastPanel)
                            for block in first..<end {
                                let (a, stride) = rowsOfA(block * blockRows, min(blockRows, m - block * blockRows))
                                for p in firstPanel..<lastPanel { tile(block, p, a, stride, panel(p)) }
                            }
                        }
                    } else {
                        // A panel's slice stays in L1 across a chunk of A's row blocks held in L2.
                        for firstBlock in stride(from: 0, to: rowBlocks, by: chunk) {
                            let lastBlock = min(rowBlocks, firstBlock + chunk), firstRow = firstBlock * blockRows
                            let (a, stride) = rowsOfA(firstRow, min(m, lastBlock * blockRows) - firstRow)
                            for p in first..<end {
                                let panel = slices(p..<(p + 1))(p)
                                for block in firstBlock..<lastBlock {
                                    tile(block, p, a + (block - firstBlock) * blockRows * stride, stride, panel)
                                }
                            }
                        }
                    }
                }
            }
        }
        ProductCounter.add(m: m, n: n, k: k)
    }

    /// Staging for tiles at the bottom or right edge: a partial row block of A is copied into a full one (its
    /// other rows only feed tile rows that are never copied out), and the tile is computed in scratch and its
    /// valid part copied out.
    /// Its buffers are made at the first edge tile: most products have none, and attention issues thousands.
    struct EdgeScratch {
        let tiling: Tiling
        let depth: Int
        var rowsOfA: [Float] = [], tile: [Float] = []

        init(tiling: Tiling, depth: Int) {
            self.tiling = tiling
            self.depth = depth
        }

        @inline(__always)
        mutating func multiply(rows: Int, columns: Int, width: Int, a: UnsafePointer<Float>, lda: Int,
                               panel: UnsafePointer<Float>, depth: Int, c: UnsafeMutablePointer<Float>, ldc: Int,
                               accumulate: Bool) {
            let blockRows = tiling.rows
            if rows == blockRows && columns == width {
                MicroKernel.multiply(tiling, width: width, a, lda: lda, panel, k: depth, c, ldc: ldc, accumulate: accumulate)
                return
            }
            if tile.isEmpty {
                rowsOfA = .uninitialized(blockRows * self.depth)
                tile = .uninitialized(blockRows * tiling.width)
            }
            rowsOfA.withUnsafeMutableBufferPointer { staged in
                tile.withUnsafeMutableBufferPointer { scratch in
                    var rowsPointer = a, rowStride = lda
                    if rows < blockRows {
                        for r in 0..<rows { (staged.baseAddress! + r * depth).update(from: a + r * lda, count: depth) }
                        rowsPointer = UnsafePointer(staged.baseAddress!)
                        rowStride = depth
                    }
                    let t = scratch.baseAddress!
                    if accumulate {
                        for r in 0..<rows { (t + r * width).update(from: c + r * ldc, count: columns) }
                    }
                    MicroKernel.multiply(tiling, width: width, rowsPointer, lda: rowStride, panel, k: depth, t, ldc: width,
                                         accumulate: accumulate)
                    for r in 0..<rows { (c + r * ldc).update(from: t + r * width, count: columns) }
                }
            }
        }
    }
}
