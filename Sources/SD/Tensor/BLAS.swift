import COpenBLAS
import Dispatch

/// Row-major single-precision matrix products through OpenBLAS, the one place the SD model calls BLAS.
public enum BLAS {
    /// C[m×n] = alpha · op(A) · op(B) + beta · C, with leading dimensions given explicitly so that heads and
    /// batch items can be addressed inside larger buffers without copying.
    /// Floating-point operations issued so far (2·m·n·k per product), for benchmarks' GFLOP/s figures. Products
    /// are issued from one thread at a time (OpenBLAS threads inside each), so a plain counter suffices.
    nonisolated(unsafe) public static var operations: Double = 0
    /// Seconds spent inside sgemm so far, so benchmarks can tell GEMM time from everything around it.
    nonisolated(unsafe) public static var seconds: Double = 0

    @inline(__always)
    static func gemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
                     a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float = 0,
                     c: UnsafeMutablePointer<Float>, ldc: Int) {
        operations += 2 * Double(m) * Double(n) * Double(k)
        let start = DispatchTime.now().uptimeNanoseconds
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        seconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Threads OpenBLAS uses for one product.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(newValue)) }
    }
}
