/// The register-blocked inner products under `Matmul`: an 8-row block of A (each value broadcast) times one packed
/// panel of B (16-float vectors), accumulated in registers over K. On AVX-512, 8×48 keeps 24 accumulators and the
/// three panel vectors in the 32 vector registers; 8×16 serves narrow tails without computing padding.
enum MicroKernel {
    typealias Vector = SIMD16<Float>

    /// C[8×48] (+)= A[8×k] · P[k×48]; A rows `lda` apart, P contiguous, C rows `ldc` apart.
    @inline(__always)
    static func multiply8x48(_ a: UnsafePointer<Float>, lda: Int, _ p: UnsafePointer<Float>, k: Int,
                             _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        var c00 = Vector(), c01 = Vector(), c02 = Vector(), c10 = Vector(), c11 = Vector(), c12 = Vector()
        var c20 = Vector(), c21 = Vector(), c22 = Vector(), c30 = Vector(), c31 = Vector(), c32 = Vector()
        var c40 = Vector(), c41 = Vector(), c42 = Vector(), c50 = Vector(), c51 = Vector(), c52 = Vector()
        var c60 = Vector(), c61 = Vector(), c62 = Vector(), c70 = Vector(), c71 = Vector(), c72 = Vector()
        let a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda
        let a4 = a + 4 * lda, a5 = a + 5 * lda, a6 = a + 6 * lda, a7 = a + 7 * lda
        var panel = UnsafeRawPointer(p)
        for i in 0..<k {
            let x0 = panel.loadUnaligned(as: Vector.self)
            let x1 = panel.loadUnaligned(fromByteOffset: 64, as: Vector.self)
            let x2 = panel.loadUnaligned(fromByteOffset: 128, as: Vector.self)
            panel += 192
            var s = Vector(repeating: a0[i]); c00.addProduct(s, x0); c01.addProduct(s, x1); c02.addProduct(s, x2)
            s = Vector(repeating: a1[i]); c10.addProduct(s, x0); c11.addProduct(s, x1); c12.addProduct(s, x2)
            s = Vector(repeating: a2[i]); c20.addProduct(s, x0); c21.addProduct(s, x1); c22.addProduct(s, x2)
            s = Vector(repeating: a3[i]); c30.addProduct(s, x0); c31.addProduct(s, x1); c32.addProduct(s, x2)
            s = Vector(repeating: a4[i]); c40.addProduct(s, x0); c41.addProduct(s, x1); c42.addProduct(s, x2)
            s = Vector(repeating: a5[i]); c50.addProduct(s, x0); c51.addProduct(s, x1); c52.addProduct(s, x2)
            s = Vector(repeating: a6[i]); c60.addProduct(s, x0); c61.addProduct(s, x1); c62.addProduct(s, x2)
            s = Vector(repeating: a7[i]); c70.addProduct(s, x0); c71.addProduct(s, x1); c72.addProduct(s, x2)
        }
        @inline(__always) func store(_ r: Int, _ v0: Vector, _ v1: Vector, _ v2: Vector) {
            let row = UnsafeMutableRawPointer(c + r * ldc)
            if accumulate {
                row.storeBytes(of: row.loadUnaligned(as: Vector.self) + v0, as: Vector.self)
                row.storeBytes(of: row.loadUnaligned(fromByteOffset: 64, as: Vector.self) + v1, toByteOffset: 64, as: Vector.self)
                row.storeBytes(of: row.loadUnaligned(fromByteOffset: 128, as: Vector.self) + v2, toByteOffset: 128, as: Vector.self)
            } else {
                row.storeBytes(of: v0, as: Vector.self)
                row.storeBytes(of: v1, toByteOffset: 64, as: Vector.self)
                row.storeBytes(of: v2, toByteOffset: 128, as: Vector.self)
            }
        }
        store(0, c00, c01, c02); store(1, c10, c11, c12); store(2, c20, c21, c22); store(3, c30, c31, c32)
        store(4, c40, c41, c42); store(5, c50, c51, c52); store(6, c60, c61, c62); store(7, c70, c71, c72)
    }

    /// C[8×16] (+)= A[8×k] · P[k×16].
    @inline(__always)
    static func multiply8x16(_ a: UnsafePointer<Float>, lda: Int, _ p: UnsafePointer<Float>, k: Int,
                             _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        var c0 = Vector(), c1 = Vector(), c2 = Vector(), c3 = Vector()
        var c4 = Vector(), c5 = Vector(), c6 = Vector(), c7 = Vector()
        let a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda
        let a4 = a + 4 * lda, a5 = a + 5 * lda, a6 = a + 6 * lda, a7 = a + 7 * lda
        var panel = UnsafeRawPointer(p)
        for i in 0..<k {
            let x = panel.loadUnaligned(as: Vector.self)
            panel += 64
            c0.addProduct(Vector(repeating: a0[i]), x); c1.addProduct(Vector(repeating: a1[i]), x)
            c2.addProduct(Vector(repeating: a2[i]), x); c3.addProduct(Vector(repeating: a3[i]), x)
            c4.addProduct(Vector(repeating: a4[i]), x); c5.addProduct(Vector(repeating: a5[i]), x)
            c6.addProduct(Vector(repeating: a6[i]), x); c7.addProduct(Vector(repeating: a7[i]), x)
        }
        @inline(__always) func store(_ r: Int, _ v: Vector) {
            let row = UnsafeMutableRawPointer(c + r * ldc)
            row.storeBytes(of: accumulate ? row.loadUnaligned(as: Vector.self) + v : v, as: Vector.self)
        }
        store(0, c0); store(1, c1); store(2, c2); store(3, c3); store(4, c4); store(5, c5); store(6, c6); store(7, c7)
    }
}
