@testable import SD
import Testing

/// The packed-panel products against a Double-precision triple loop, with every tiling (AVX2 6×16, AVX-512 8×48,
/// NEON 8×12: each runs on any CPU), on shapes that reach every edge of the blocking: rows not a multiple of the
/// tile's rows, columns that leave full, tail and padded panels, depths split into passes, both ways of dividing
/// the work, biases per row and per column, and accumulation into C.
@Suite struct MatmulTests {
    /// Σ_k a[i][k] · b[k][j] in Double.
    static func reference(m: Int, n: Int, k: Int, a: [Float], b: [Float]) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for p in 0..<k {
                let v = Double(a[i * k + p])
                for j in 0..<n { c[i * n + j] += v * Double(b[p * n + j]) }
            }
        }
        return c
    }

    /// Largest |got − want| relative to the largest |want| (at least 1).
    static func error(_ got: [Float], _ want: [Double]) -> Double {
        let scale = max(1, want.map(abs).max() ?? 0)
        return zip(got, want).map { abs(Double($0) - $1) }.max()! / scale
    }

    static let shapes = [(1, 1, 1), (7, 15, 5), (8, 16, 8), (9, 17, 300), (17, 33, 513), (23, 47, 40), (64, 49, 1100),
                         (200, 40, 77), (5, 150, 600), (130, 100, 64), (48, 1000, 20), (6, 12, 3), (13, 4, 9),
                         (12, 20, 520), (25, 52, 31), (31, 96, 1030)]

    @Test(arguments: shapes, Tiling.allCases)
    func productMatchesTheTripleLoop(shape: (Int, Int, Int), tiling: Tiling) {
        let (m, n, k) = shape
        let a = ConvolutionTests.values(m * k, seed: UInt64(m * 131 + k)), b = ConvolutionTests.values(k * n, seed: UInt64(n * 7 + k))
        let want = Self.reference(m: m, n: n, k: k, a: a, b: b)
        let panels = b.withUnsafeBufferPointer { PackedPanels($0.baseAddress!, rows: k, columns: n, ldb: n, tiling: tiling) }
        for parallel in [false, true] {
            var c = [Float](repeating: .nan, count: m * n)
            Matmul.multiply(m: m, a: a, lda: k, b: panels, c: &c, ldc: n, parallel: parallel)
            #expect(Self.error(c, want) < 1e-6 * Double(max(1, k)).squareRoot(), "\(m)×\(n)×\(k) \(tiling) parallel \(parallel)")
        }
    }

    /// Each tile on its own, full block of rows, against the triple loop: C (+)= A · P with A rows strided.
    @Test(arguments: Tiling.allCases)
    func everyTileMultipliesOneBlock(tiling: Tiling) {
        for width in [tiling.width, tiling.tailWidth] {
            let rows = tiling.rows, k = 37, lda = k + 3
            let a = ConvolutionTests.values(rows * lda, seed: 11), p = ConvolutionTests.values(k * width, seed: 12)
            let start = ConvolutionTests.values(rows * width, seed: 13)
            let dense = (0..<(rows * k)).map { a[$0 / k * lda + $0 % k] }
            let product = Self.reference(m: rows, n: width, k: k, a: dense, b: p)
            for accumulate in [false, true] {
                var c = start
                MicroKernel.multiply(tiling, width: width, a, lda: lda, p, k: k, &c, ldc: width, accumulate: accumulate)
                let want = (0..<(rows * width)).map { product[$0] + (accumulate ? Double(start[$0]) : 0) }
                #expect(Self.error(c, want) < 1e-5, "\(tiling) \(rows)×\(width) accumulate \(accumulate)")
            }
        }
    }

    @Test(arguments: Tiling.allCases)
    func biasesAndAccumulationAddUp(tiling: Tiling) {
        let m = 13, n = 37, k = 700
        let a = ConvolutionTests.values(m * k, seed: 1), b = ConvolutionTests.values(k * n, seed: 2)
        let rowBias = ConvolutionTests.values(m, seed: 3), columnBias = ConvolutionTests.values(n, seed: 4)
        let start = ConvolutionTests.values(m * n, seed: 5)
        let product = Self.reference(m: m, n: n, k: k, a: a, b: b)
        let panels = b.withUnsafeBufferPointer { PackedPanels($0.baseAddress!, rows: k, columns: n, ldb: n, tiling: tiling) }
        var c = start
        rowBias.withUnsafeBufferPointer { bias in
            Matmul.multiply(m: m, a: a, lda: k, b: panels, c: &c, ldc: n, accumulate: true, bias: .perRow(bias.baseAddress!))
        }
        #expect(Self.error(c, (0..<(m * n)).map { Double(start[$0]) + product[$0] + Double(rowBias[$0 / n]) }) < 1e-5)
        columnBias.withUnsafeBufferPointer { bias in
            Matmul.multiply(m: m, a: a, lda: k, b: panels, c: &c, ldc: n, bias: .perColumn(bias.baseAddress!))
        }
        #expect(Self.error(c, (0..<(m * n)).map { product[$0] + Double(columnBias[$0 % n]) }) < 1e-5)
    }

    /// Strided operands: A rows and C rows inside wider buffers, B read from a wider matrix; C's other columns
    /// are left alone.
    @Test(arguments: Tiling.allCases)
    func leadingDimensionsAddressSubmatrices(tiling: Tiling) {
        let m = 19, n = 21, k = 45, lda = 50, ldb = 30, ldc = 25
        let a = ConvolutionTests.values(m * lda, seed: 6), b = ConvolutionTests.values(k * ldb, seed: 7)
        let dense = (0..<(m * k)).map { a[$0 / k * lda + $0 % k] }, denseB = (0..<(k * n)).map { b[$0 / n * ldb + $0 % n] }
        let want = Self.reference(m: m, n: n, k: k, a: dense, b: denseB)
        let panels = b.withUnsafeBufferPointer { PackedPanels($0.baseAddress!, rows: k, columns: n, ldb: ldb, tiling: tiling) }
        var c = [Float](repeating: 42, count: m * ldc)
        Matmul.multiply(m: m, a: a, lda: lda, b: panels, c: &c, ldc: ldc)
        #expect(Self.error((0..<(m * n)).map { c[$0 / n * ldc + $0 % n] }, want) < 1e-5)
        #expect((0..<m).allSatisfy { r in (n..<ldc).allSatisfy { c[r * ldc + $0] == 42 } })
    }

    /// A linear layer's weight [out, in], packed transposed, gives x · wᵀ.
    @Test(arguments: Tiling.allCases)
    func transposedPackingIsTheLinearLayersProduct(tiling: Tiling) {
        let rows = 11, inputs = 70, outputs = 90
        let x = ConvolutionTests.values(rows * inputs, seed: 8), w = ConvolutionTests.values(outputs * inputs, seed: 9)
        let wT = (0..<(inputs * outputs)).map { w[($0 % outputs) * inputs + $0 / outputs] }
        let want = Self.reference(m: rows, n: outputs, k: inputs, a: x, b: wT)
        var c = [Float](repeating: 0, count: rows * outputs)
        Matmul.multiply(m: rows, a: x, lda: inputs, b: PackedPanels(transposing: w, outputs: outputs, inputs: inputs, tiling: tiling),
                        c: &c, ldc: outputs)
        #expect(Self.error(c, want) < 1e-5)
    }

    @Test(arguments: Tiling.allCases)
    func panelsCoverTheColumnsWithoutComputingMuchPadding(tiling: Tiling) {
        for columns in 1...200 {
            let (starts, widths, reported) = PackedPanels.layout(columns: columns, tiling: tiling)
            let padded = starts.last! + widths.last!
            #expect(reported == padded)
            #expect(zip(starts.dropFirst(), zip(starts, widths)).allSatisfy { $0 == $1.0 + $1.1 })
            #expect(widths.allSatisfy { $0 == tiling.width || $0 == tiling.tailWidth })
            #expect(padded >= columns && padded - columns < tiling.tailWidth, "\(columns) columns padded to \(padded)")
        }
    }
}
