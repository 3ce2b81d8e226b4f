import Foundation

/// C[m×n] (+)= A[m×k] · B for a row-major A read in place and B in packed panels: every product of the SD model.
/// Linear weights are packed once at load (OpenBLAS repacked both operands of every product, a tenth of a UNet
/// step); convolution weights are the A side, read in place, and only activations are packed per call.
enum Matmul {
    /// Whether the micro-kernels fit this CPU's registers (AVX-512: 32 sixteen-float registers). Elsewhere the
    /// layers use OpenBLAS instead; the module is compiled for the CPU it is built on.
    static let isAvailable: Bool = System.cpuFlags.contains("avx512f")
        && ProcessInfo.processInfo.environment["STORYREEL_SD_GEMM"] != "openblas"

    /// Rows of K per pass when K is split: a 48-wide panel's slice (48 KB) stays in cache while 8-row blocks of
    /// A stream past it. Up to twice this depth runs in one pass, since every pass reads and writes all of C,
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

    /// C = A · B (+ bias), or C += A · B (+ bias) when `accumulate`.
    static func multiply(m: Int, a: UnsafePointer<Float>, lda: Int, b: PackedPanels, c: UnsafeMutablePointer<Float>,
                         ldc: Int, accumulate: Bool = false, bias: Bias? = nil, parallel: Bool = true) {
        let k = b.rows, n = b.columns
        guard m > 0, n > 0 else { return }
        let rowBlocks = (m + 7) / 8, panels = b.starts.count
        // The larger operand is split between the workers; the smaller one's slice is revisited from cache.
        let splitRows = m >= n
        let units = splitRows ? rowBlocks : panels
        let workers = parallel ? Parallel.workers(forProductOf: m, n, k, units: units) : 1
        let passes = k <= 2 * depthBlock ? 1 : (k + depthBlock - 1) / depthBlock
        let maxDepth = (k + passes - 1) / passes
        // Units of the other operand per chunk, so that the chunk's slice fits in `cacheSlice`.
        let chunk = max(1, cacheSlice / (maxDepth * (splitRows ? 48 : 8) * 4))
        let source = UnsafeSendableBox(a), target = UnsafeSendableBox(c)
        b.data.withUnsafeBufferPointer { packed in
            let panelBase = UnsafeSendableBox(packed.baseAddress!)
            Parallel.forEach(workers) { worker in
                let first = units * worker / workers, end = units * (worker + 1) / workers
                var edge = EdgeScratch(depth: maxDepth)
                for pass in 0..<passes {
                    let k0 = k * pass / passes, depth = k * (pass + 1) / passes - k0
                    @inline(__always) func tile(_ block: Int, _ p: Int) {
                        let width = b.widths[p], column = b.starts[p]
                        let rows = min(8, m - block * 8), columns = min(width, n - column)
                        let panel = panelBase.value + column * k + k0 * width
                        let tile = target.value + block * 8 * ldc + column
                        if pass == 0, let bias {
                            bias.write(into: tile, ldc: ldc, rows: rows, columns: columns, firstRow: block * 8,
                                       firstColumn: column, adding: accumulate)
                        }
                        edge.multiply(rows: rows, columns: columns, width: width, a: source.value + block * 8 * lda + k0,
                                      lda: lda, panel: panel, depth: depth, c: tile, ldc: ldc,
                                      accumulate: accumulate || pass > 0 || bias != nil)
                    }
                    if splitRows {
                        // An 8-row block of A stays in L1 across a chunk of panels held in L2.
                        for firstPanel in stride(from: 0, to: panels, by: chunk) {
                            let lastPanel = min(panels, firstPanel + chunk)
                            for block in first..<end { for p in firstPanel..<lastPanel { tile(block, p) } }
                        }
                    } else {
                        // A panel's slice stays in L1 across a chunk of A's row blocks held in L2.
                        for firstBlock in stride(from: 0, to: rowBlocks, by: chunk) {
                            let lastBlock = min(rowBlocks, firstBlock + chunk)
                            for p in first..<end { for block in firstBlock..<lastBlock { tile(block, p) } }
                        }
                    }
                }
            }
        }
        ProductCounter.add(m: m, n: n, k: k)
    }

    /// Staging for tiles at the bottom or right edge: fewer than 8 rows of A are copied into an 8-row block (its
    /// other rows only feed tile rows that are never copied out), and the tile is computed in scratch and its
    /// valid part copied out.
    /// Its buffers are made at the first edge tile: most products have none, and attention issues thousands.
    struct EdgeScratch {
        let depth: Int
        var rowsOfA: [Float] = [], tile: [Float] = []

        init(depth: Int) {
            self.depth = depth
        }

        @inline(__always)
        mutating func multiply(rows: Int, columns: Int, width: Int, a: UnsafePointer<Float>, lda: Int,
                               panel: UnsafePointer<Float>, depth: Int, c: UnsafeMutablePointer<Float>, ldc: Int,
                               accumulate: Bool) {
            if rows == 8 && columns == width {
                Self.kernel(width: width, a: a, lda: lda, panel: panel, depth: depth, c: c, ldc: ldc, accumulate: accumulate)
                return
            }
            if tile.isEmpty {
                rowsOfA = .uninitialized(8 * self.depth)
                tile = .uninitialized(8 * 48)
            }
            rowsOfA.withUnsafeMutableBufferPointer { staged in
                tile.withUnsafeMutableBufferPointer { scratch in
                    var rowsPointer = a, rowStride = lda
                    if rows < 8 {
                        for r in 0..<rows { (staged.baseAddress! + r * depth).update(from: a + r * lda, count: depth) }
                        rowsPointer = UnsafePointer(staged.baseAddress!)
                        rowStride = depth
                    }
                    let t = scratch.baseAddress!
                    if accumulate {
                        for r in 0..<rows { (t + r * width).update(from: c + r * ldc, count: columns) }
                    }
                    Self.kernel(width: width, a: rowsPointer, lda: rowStride, panel: panel, depth: depth, c: t, ldc: width,
                                accumulate: accumulate)
                    for r in 0..<rows { (c + r * ldc).update(from: t + r * width, count: columns) }
                }
            }
        }

        @inline(__always)
        static func kernel(width: Int, a: UnsafePointer<Float>, lda: Int, panel: UnsafePointer<Float>, depth: Int,
                           c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
            if width == 48 {
                MicroKernel.multiply8x48(a, lda: lda, panel, k: depth, c, ldc: ldc, accumulate: accumulate)
            } else {
                MicroKernel.multiply8x16(a, lda: lda, panel, k: depth, c, ldc: ldc, accumulate: accumulate)
            }
        }
    }
}
