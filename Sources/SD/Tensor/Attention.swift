/// Scaled dot-product attention over many heads, computed in query chunks so the full score matrix of a
/// 64×64 latent (4096² per head) never exists at once.
enum Attention {
    /// Most rows of queries per chunk: 2048 × 4096 scores is 32 MB per worker.
    static let queryChunk = 2048

    /// softmax(Q Kᵀ · scale + mask) V for q [T, heads·d], k and v [S, heads·d] (one batch item), into out [T, heads·d].
    /// `causal` masks keys after the query's own position (the CLIP text encoder).
    ///
    /// The workers take (head, query chunk) pairs, each with single-threaded products: a product per head is
    /// too small to split well, and chunks keep five heads (SD 2.x's first level) balanced across two cores.
    static func multiHead(q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
                          out: UnsafeMutablePointer<Float>, queries: Int, keys: Int, heads: Int, headDim: Int,
                          causal: Bool = false) {
        let width = heads * headDim
        let scale = 1 / Float(headDim).squareRoot()
        let chunksPerHead = max((queries + queryChunk - 1) / queryChunk,
                                min(queries, (4 * Parallel.cores + heads - 1) / heads))
        let rowsPerChunk = (queries + chunksPerHead - 1) / chunksPerHead
        let q = UnsafeSendableBox(q), k = UnsafeSendableBox(k), v = UnsafeSendableBox(v), out = UnsafeSendableBox(out)
        Parallel.forEach(heads * chunksPerHead) { unit in
            let h = unit / chunksPerHead, start = unit % chunksPerHead * rowsPerChunk
            let rows = min(rowsPerChunk, queries - start)
            guard rows > 0 else { return }
            withUnsafeTemporaryAllocation(of: Float.self, capacity: rows * keys + rows) { buffer in
                let scores = buffer.baseAddress!, sums = scores + rows * keys
                let queryRows = q.value + start * width + h * headDim
                if Matmul.isAvailable {
                    // Kᵀ · scale as panels (headDim rows, one column per key), then V's head as panels.
                    let keyPanels = PackedPanels(rows: headDim, columns: keys, parallel: false) { d, row in
                        for j in 0..<keys { row[j] = k.value[j * width + h * headDim + d] * scale }
                    }
                    Matmul.multiply(m: rows, a: queryRows, lda: width, b: keyPanels, c: scores, ldc: keys, parallel: false)
                } else {
                    BLAS.gemm(transB: true, m: rows, n: keys, k: headDim, alpha: scale, a: queryRows, lda: width,
                              b: k.value + h * headDim, ldb: width, c: scores, ldc: keys)
                }
                for r in 0..<rows {
                    let row = scores + r * keys
                    let visible = causal ? min(keys, start + r + 1) : keys
                    sums[r] = VectorMath.exponentiate(row, count: visible)
                    for i in visible..<keys { row[i] = 0 }
                }
                let target = out.value + start * width + h * headDim
                if Matmul.isAvailable {
                    let valuePanels = PackedPanels(v.value + h * headDim, rows: keys, columns: headDim, ldb: width, parallel: false)
                    Matmul.multiply(m: rows, a: scores, lda: keys, b: valuePanels, c: target, ldc: width, parallel: false)
                } else {
                    BLAS.gemm(m: rows, n: headDim, k: keys, a: scores, lda: keys, b: v.value + h * headDim, ldb: width,
                              c: target, ldc: width)
                }
                // Normalising the (rows × headDim) result instead of the (rows × keys) weights saves a pass.
                for r in 0..<rows {
                    let inverse = 1 / sums[r], row = target + r * width
                    for i in 0..<headDim { row[i] *= inverse }
                }
            }
        }
    }
}
