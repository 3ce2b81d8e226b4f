import COpenBLAS
import Dispatch
import Synchronization

/// Row-major single-precision matrix products through OpenBLAS, the one place the SD model calls BLAS.
public enum BLAS {
    /// C[m×n] = alpha · op(A) · op(B) + beta · C, with leading dimensions given explicitly so that heads and
    /// batch items can be addressed inside larger buffers without copying.
    /// Floating-point operations issued (2·m·n·k per product) and thread-seconds spent inside sgemm, for the
    /// benchmarks' figures; products can be issued from several threads at once (Winograd's 16 GEMMs).
    static let counters = Mutex<(operations: Double, seconds: Double)>((0, 0))

    public static var operations: Double { counters.withLock { $0.operations } }
    public static var seconds: Double { counters.withLock { $0.seconds } }

    @inline(__always)
    static func gemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
                     a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float = 0,
                     c: UnsafeMutablePointer<Float>, ldc: Int) {
        let start = DispatchTime.now().uptimeNanoseconds
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        counters.withLock {
            $0.operations += 2 * Double(m) * Double(n) * Double(k)
            $0.seconds += elapsed
        }
    }

    /// Threads OpenBLAS uses for one product.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(newValue)) }
    }
}
