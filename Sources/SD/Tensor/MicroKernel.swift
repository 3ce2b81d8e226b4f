/// The register-blocked inner product under `Matmul`, written once: `rows` rows of A (each value broadcast) times
/// one packed panel of B that is `vectors` SIMD vectors wide, accumulated in rows × vectors registers over K.
/// Each tile is a specialisation with its sizes as constants, so the unused accumulators and rows fold away. The
/// kernel is generic over the standard library's SIMD types only (whose operations are inlinable), not over a
/// protocol of our own: in debug builds each file is compiled apart, and a conformance in another file made every
/// lane operation a witness-table call.
///
/// Fused multiply-add: the SD module is compiled with `-target-cpu native` (Package.swift). Without an FMA target
/// `addingProduct` lowers to a libm `fmaf` call per lane (about 140× slower); with it, the AVX2 6×16 tile's loop
/// is 12 `vfmadd231ps ymm` per step of K (checked with `objdump -d` on MicroKernel.swift.o).
enum MicroKernel {
    /// C[rows × vectors·V.scalarCount] (+)= A[rows × k] · P[k × same]; A rows `lda` apart, P contiguous, C rows
    /// `ldc` apart. At most 8 rows and 3 vectors.
    @inline(__always)
    static func multiply<V: SIMD>(_ vector: V.Type, rows: Int, vectors: Int, _ a: UnsafePointer<Float>, lda: Int,
                                  _ p: UnsafePointer<Float>, k: Int, _ c: UnsafeMutablePointer<Float>, ldc: Int,
                                  accumulate: Bool) where V.Scalar == Float {
        var c00 = V(), c01 = V(), c02 = V(), c10 = V(), c11 = V(), c12 = V(), c20 = V(), c21 = V(), c22 = V()
        var c30 = V(), c31 = V(), c32 = V(), c40 = V(), c41 = V(), c42 = V(), c50 = V(), c51 = V(), c52 = V()
        var c60 = V(), c61 = V(), c62 = V(), c70 = V(), c71 = V(), c72 = V()
        let a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda
        let a4 = a + 4 * lda, a5 = a + 5 * lda, a6 = a + 6 * lda, a7 = a + 7 * lda
        let bytes = MemoryLayout<V>.size
        var panel = UnsafeRawPointer(p)
        for i in 0..<k {
            let x0 = panel.loadUnaligned(as: V.self)
            let x1 = vectors > 1 ? panel.loadUnaligned(fromByteOffset: bytes, as: V.self) : V()
            let x2 = vectors > 2 ? panel.loadUnaligned(fromByteOffset: 2 * bytes, as: V.self) : V()
            panel += vectors * bytes
            @inline(__always) func row(_ value: Float, _ r0: inout V, _ r1: inout V, _ r2: inout V) {
                let s = V(repeating: value)
                r0 = r0.addingProduct(s, x0)
                if vectors > 1 { r1 = r1.addingProduct(s, x1) }
                if vectors > 2 { r2 = r2.addingProduct(s, x2) }
            }
            row(a0[i], &c00, &c01, &c02)
            if rows > 1 { row(a1[i], &c10, &c11, &c12) }
            if rows > 2 { row(a2[i], &c20, &c21, &c22) }
            if rows > 3 { row(a3[i], &c30, &c31, &c32) }
            if rows > 4 { row(a4[i], &c40, &c41, &c42) }
            if rows > 5 { row(a5[i], &c50, &c51, &c52) }
            if rows > 6 { row(a6[i], &c60, &c61, &c62) }
            if rows > 7 { row(a7[i], &c70, &c71, &c72) }
        }
        @inline(__always) func store(_ r: Int, _ v0: V, _ v1: V, _ v2: V) {
            let target = UnsafeMutableRawPointer(c + r * ldc)
            @inline(__always) func put(_ j: Int, _ v: V) {
                let sum = accumulate ? target.loadUnaligned(fromByteOffset: j * bytes, as: V.self) + v : v
                target.storeBytes(of: sum, toByteOffset: j * bytes, as: V.self)
            }
            put(0, v0)
            if vectors > 1 { put(1, v1) }
            if vectors > 2 { put(2, v2) }
        }
        store(0, c00, c01, c02)
        if rows > 1 { store(1, c10, c11, c12) }
        if rows > 2 { store(2, c20, c21, c22) }
        if rows > 3 { store(3, c30, c31, c32) }
        if rows > 4 { store(4, c40, c41, c42) }
        if rows > 5 { store(5, c50, c51, c52) }
        if rows > 6 { store(6, c60, c61, c62) }
        if rows > 7 { store(7, c70, c71, c72) }
    }

    /// The tile of `tiling` for a panel `width` wide (its full or its tail width), on a full block of rows.
    static func multiply(_ tiling: Tiling, width: Int, _ a: UnsafePointer<Float>, lda: Int, _ p: UnsafePointer<Float>,
                         k: Int, _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        switch (tiling, width == tiling.width) {
        case (.avx2, true): tile6x16(a, lda: lda, p, k: k, c, ldc: ldc, accumulate: accumulate)
        case (.avx2, false): tile6x8(a, lda: lda, p, k: k, c, ldc: ldc, accumulate: accumulate)
        case (.avx512, true): tile8x48(a, lda: lda, p, k: k, c, ldc: ldc, accumulate: accumulate)
        case (.avx512, false): tile8x16(a, lda: lda, p, k: k, c, ldc: ldc, accumulate: accumulate)
        case (.neon, true): tile8x12(a, lda: lda, p, k: k, c, ldc: ldc, accumulate: accumulate)
        case (.neon, false): tile8x4(a, lda: lda, p, k: k, c, ldc: ldc, accumulate: accumulate)
        }
    }

    // One non-inlined specialisation per tile, so that each gets its own register allocation (and can be read in
    // the object file).

    /// AVX2: 6 rows × 2 eight-float vectors, 12 accumulators.
    @inline(never)
    static func tile6x16(_ a: UnsafePointer<Float>, lda: Int, _ p: UnsafePointer<Float>, k: Int,
                         _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        multiply(SIMD8<Float>.self, rows: 6, vectors: 2, a, lda: lda, p, k: k, c, ldc: ldc, accumulate: accumulate)
    }

    /// AVX2 tail panels: 6 rows × 1 eight-float vector.
    @inline(never)
    static func tile6x8(_ a: UnsafePointer<Float>, lda: Int, _ p: UnsafePointer<Float>, k: Int,
                        _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        multiply(SIMD8<Float>.self, rows: 6, vectors: 1, a, lda: lda, p, k: k, c, ldc: ldc, accumulate: accumulate)
    }

    /// AVX-512: 8 rows × 3 sixteen-float vectors, 24 accumulators.
    @inline(never)
    static func tile8x48(_ a: UnsafePointer<Float>, lda: Int, _ p: UnsafePointer<Float>, k: Int,
                         _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        multiply(SIMD16<Float>.self, rows: 8, vectors: 3, a, lda: lda, p, k: k, c, ldc: ldc, accumulate: accumulate)
    }

    /// AVX-512 tail panels: 8 rows × 1 sixteen-float vector.
    @inline(never)
    static func tile8x16(_ a: UnsafePointer<Float>, lda: Int, _ p: UnsafePointer<Float>, k: Int,
                         _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        multiply(SIMD16<Float>.self, rows: 8, vectors: 1, a, lda: lda, p, k: k, c, ldc: ldc, accumulate: accumulate)
    }

    /// NEON: 8 rows × 3 four-float vectors, 24 accumulators.
    @inline(never)
    static func tile8x12(_ a: UnsafePointer<Float>, lda: Int, _ p: UnsafePointer<Float>, k: Int,
                         _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        multiply(SIMD4<Float>.self, rows: 8, vectors: 3, a, lda: lda, p, k: k, c, ldc: ldc, accumulate: accumulate)
    }

    /// NEON tail panels: 8 rows × 1 four-float vector.
    @inline(never)
    static func tile8x4(_ a: UnsafePointer<Float>, lda: Int, _ p: UnsafePointer<Float>, k: Int,
                        _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        multiply(SIMD4<Float>.self, rows: 8, vectors: 1, a, lda: lda, p, k: k, c, ldc: ldc, accumulate: accumulate)
    }
}
