import COpenBLAS

/// Row-major single-precision matrix products through OpenBLAS: attention where the micro-kernels are not used,
/// and every layer on CPUs without AVX-512.
enum BLAS {
    /// C[m×n] = alpha · op(A) · op(B) + beta · C on the calling thread, with leading dimensions given explicitly so
    /// that heads and batch items can be addressed inside larger buffers without copying.
    @inline(__always)
    static func gemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
                     a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float = 0,
                     c: UnsafeMutablePointer<Float>, ldc: Int) {
        _ = singleThreaded
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        ProductCounter.add(m: m, n: n, k: k)
    }

    /// OpenBLAS runs every product on the calling thread: the model's own workers split products and run
    /// attention heads side by side, and an idle OpenBLAS thread spinning in sched_yield took a core from them.
    private static let singleThreaded: Void = openblas_set_num_threads(1)

    /// `gemm` split in two halves across the workers (by rows of C when it has at least as many rows as
    /// columns, so that the larger operand is divided and the smaller one packed twice).
    static func parallelGemm(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, transB: Bool = false,
                             b: UnsafePointer<Float>, ldb: Int, beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        let workers = Parallel.workers(forProductOf: m, n, k, units: max(m, n))
        let a = UnsafeSendableBox(a), b = UnsafeSendableBox(b), c = UnsafeSendableBox(c)
        Parallel.forEach(workers) { part in
            if m >= n {
                let first = m * part / workers, rows = m * (part + 1) / workers - first
                gemm(transB: transB, m: rows, n: n, k: k, a: a.value + first * lda, lda: lda, b: b.value, ldb: ldb,
                     beta: beta, c: c.value + first * ldc, ldc: ldc)
            } else {
                let first = n * part / workers, columns = n * (part + 1) / workers - first
                gemm(transB: transB, m: m, n: columns, k: k, a: a.value, lda: lda,
                     b: transB ? b.value + first * ldb : b.value + first, ldb: ldb, beta: beta, c: c.value + first, ldc: ldc)
            }
        }
    }
}
