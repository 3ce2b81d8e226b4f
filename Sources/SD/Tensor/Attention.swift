import Foundation

/// Scaled dot-product attention over many heads, computed in query chunks so the full score matrix of a
/// 64×64 latent (4096² per head) never exists at once.
enum Attention {
    /// Rows of queries per chunk: 1024 × 4096 scores is 16 MB.
    static let queryChunk = 1024

    /// softmax(Q Kᵀ · scale + mask) V for q [T, heads·d], k and v [S, heads·d] (one batch item), into out [T, heads·d].
    /// `causal` masks keys after the query's own position (the CLIP text encoder).
    static func multiHead(q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
                          out: UnsafeMutablePointer<Float>, queries: Int, keys: Int, heads: Int, headDim: Int,
                          causal: Bool = false) {
        let width = heads * headDim
        let scale = 1 / Float(headDim).squareRoot()
        let chunk = min(queryChunk, queries)
        var scores = [Float](repeating: 0, count: chunk * keys)
        scores.withUnsafeMutableBufferPointer { s in
            let sp = s.baseAddress!
            for h in 0..<heads {
                var start = 0
                while start < queries {
                    let rows = min(chunk, queries - start)
                    BLAS.gemm(transB: true, m: rows, n: keys, k: headDim, alpha: scale,
                              a: q + start * width + h * headDim, lda: width,
                              b: k + h * headDim, ldb: width, c: sp, ldc: keys)
                    softmaxRows(sp, rows: rows, columns: keys, causalOffset: causal ? start : nil)
                    BLAS.gemm(m: rows, n: headDim, k: keys, a: sp, lda: keys, b: v + h * headDim, ldb: width,
                              c: out + start * width + h * headDim, ldc: width)
                    start += rows
                }
            }
        }
    }

    /// Numerically stable softmax of each row in place; with a causal offset, row r sees columns ≤ offset + r.
    static func softmaxRows(_ p: UnsafeMutablePointer<Float>, rows: Int, columns: Int, causalOffset: Int?) {
        let base = UnsafeSendableBox(p)
        Parallel.forEach(rows, minimumPerThread: 16) { r in
            let row = base.value + r * columns
            let visible = causalOffset.map { min(columns, $0 + r + 1) } ?? columns
            VectorMath.softmax(row, count: visible)
            for i in visible..<columns { row[i] = 0 }
        }
    }
}
