/// Which matrix products the model runs on this machine, for the benchmark's header.
public enum GEMMKernels {
    public static var summary: String {
        Matmul.isAvailable ? "own GEMM micro-kernel, \(Tiling.native.summary)"
            : "OpenBLAS GEMM (single-threaded calls, split across cores)"
    }
}
