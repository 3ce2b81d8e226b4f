import Foundation

/// Scaled dot-product attention over many heads, computed in query chunks so the full score matrix of a
/// 64×64 latent (4096² per head) never exists at once.
enum Attention {
    /// Rows of queries per chunk: 2048 × 4096 scores is 32 MB, and keys and values are packed half as often.
    static let queryChunk = 2048

    /// softmax(Q Kᵀ · scale + mask) V for q [T, heads·d], k and v [S, heads·d] (one batch item), into out [T, heads·d].
    /// `causal` masks keys after the query's own position (the CLIP text encoder).
    static func multiHead(q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
                          out: UnsafeMutablePointer<Float>, queries: Int, keys: Int, heads: Int, headDim: Int,
                          causal: Bool = false) {
        let width = heads * headDim
        let scale = 1 / Float(headDim).squareRoot()
        let chunk = min(queryChunk, queries)
        var scores = [Float].uninitialized(chunk * keys)
        scores.withUnsafeMutableBufferPointer { s in
            let sp = s.baseAddress!
            for h in 0..<heads {
                var start = 0
                while start < queries {
                    let rows = min(chunk, queries - start)
                    BLAS.gemm(transB: true, m: rows, n: keys, k: headDim, alpha: scale,
                              a: q + start * width + h * headDim, lda: width,
                              b: k + h * headDim, ldb: width, c: sp, ldc: keys)
                    var sums = [Float](repeating: 0, count: rows)
                    sums.withUnsafeMutableBufferPointer { sb in
                        exponentiateRows(sp, rows: rows, columns: keys, causalOffset: causal ? start : nil, sums: sb.baseAddress!)
                        let target = out + start * width + h * headDim
                        BLAS.gemm(m: rows, n: headDim, k: keys, a: sp, lda: keys, b: v + h * headDim, ldb: width,
                                  c: target, ldc: width)
                        // Normalising the (rows × headDim) result instead of the (rows × keys) weights saves a pass.
                        for r in 0..<rows {
                            let inverse = 1 / sb[r], row = target + r * width
                            for i in 0..<headDim { row[i] *= inverse }
                        }
                    }
                    start += rows
                }
            }
        }
    }

    /// exp(x − row max) of each row in place, with each row's sum; with a causal offset, row r sees columns
    /// ≤ offset + r (the rest become 0).
    static func exponentiateRows(_ p: UnsafeMutablePointer<Float>, rows: Int, columns: Int, causalOffset: Int?,
                                 sums: UnsafeMutablePointer<Float>) {
        let base = UnsafeSendableBox(p), total = UnsafeSendableBox(sums)
        Parallel.forEach(rows, minimumPerThread: 16) { r in
            let row = base.value + r * columns
            let visible = causalOffset.map { min(columns, $0 + r + 1) } ?? columns
            total.value[r] = VectorMath.exponentiate(row, count: visible)
            for i in visible..<columns { row[i] = 0 }
        }
    }
}
