/// Winograd's minimal filtering F(2×2, 3×3) (Lavin & Gray 2016) for 3×3, stride-1, pad-1 convolutions: each
/// 2×2 output tile costs 16 multiplies per channel pair instead of 36, done as 16 GEMMs over tiles.
///
/// Transforms: U = G g Gᵀ (weights, once), V = Bᵀ d B (4×4 input patches), Y = Aᵀ (Σ U⊙V) A.
struct Winograd: Sendable {
    let inChannels: Int, outChannels: Int
    /// [16][out][in]: the transformed filters, one GEMM left operand per Winograd position.
    let filters: [Float]

    /// Whether a layer takes this path. Large layers (1280 channels) run at small spatial sizes in SD, where
    /// tiles are too few for 16 GEMMs to pay, and their 16/9-size transformed filters would cost a gigabyte.
    static func applies(kernel: Int, stride: Int, padding: Int, inChannels: Int, outChannels: Int) -> Bool {
        kernel == 3 && stride == 1 && padding == 1 && inChannels * outChannels <= 640 * 640
    }

    init(weight: [Float], inChannels: Int, outChannels: Int) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        var u = [Float](repeating: 0, count: 16 * outChannels * inChannels)
        let g: [[Double]] = [[1, 0, 0], [0.5, 0.5, 0.5], [0.5, -0.5, 0.5], [0, 0, 1]]
        for o in 0..<outChannels {
            for i in 0..<inChannels {
                let k = (o * inChannels + i) * 9
                // G · kernel (4×3), then · Gᵀ (4×4), in Double.
                var gk = [Double](repeating: 0, count: 12)
                for r in 0..<4 {
                    for c in 0..<3 {
                        gk[r * 3 + c] = (0..<3).reduce(0) { $0 + g[r][$1] * Double(weight[k + $1 * 3 + c]) }
                    }
                }
                for r in 0..<4 {
                    for c in 0..<4 {
                        let v = (0..<3).reduce(0) { $0 + gk[r * 3 + $1] * g[c][$1] }
                        u[((r * 4 + c) * outChannels + o) * inChannels + i] = Float(v)
                    }
                }
            }
        }
        filters = u
    }

    /// Convolves `images` images [inChannels, h, w] (one after another) into out [images, outChannels, h, w].
    ///
    /// The images' tiles are columns of the same 16 products, so the transformed filters stream from memory once
    /// per pass rather than once per image (batch 2 for guidance, 16 or 32 for a video window).
    func forward(_ input: UnsafePointer<Float>, images: Int = 1, height h: Int, width w: Int,
                 into output: UnsafeMutablePointer<Float>, bias: [Float]?) {
        let tilesX = (w + 1) / 2, tilesY = (h + 1) / 2, perImage = tilesX * tilesY
        // A pass is some whole images, or some tile rows of one image when one image alone is more, so that the
        // transformed input stays near 4M floats whatever the layer size.
        let budget = 1 << 22
        let imagesPerPass = max(1, min(images, budget / max(1, 16 * inChannels * perImage)))
        let rowsPerPass = imagesPerPass > 1 ? tilesY : max(1, min(tilesY, budget / max(1, 16 * inChannels * tilesX)))
        let maxTiles = imagesPerPass * rowsPerPass * tilesX
        var v = [Float].uninitialized(16 * inChannels * maxTiles)
        var m = [Float].uninitialized(16 * outChannels * maxTiles)
        let inC = inChannels, outC = outChannels
        v.withUnsafeMutableBufferPointer { vb in
            m.withUnsafeMutableBufferPointer { mb in
                filters.withUnsafeBufferPointer { ub in
                    let vp = UnsafeSendableBox(vb.baseAddress!), mp = UnsafeSendableBox(mb.baseAddress!)
                    let src = UnsafeSendableBox(input), dst = UnsafeSendableBox(output)
                    for firstImage in stride(from: 0, to: images, by: imagesPerPass) {
                    let count = min(imagesPerPass, images - firstImage)
                    var firstRow = 0
                    while firstRow < tilesY {
                        let rows = min(rowsPerPass, tilesY - firstRow), perPass = rows * tilesX, tiles = count * perPass
                        let row0 = firstRow
                        Parallel.forEach(inC * count) { job in
                            let i = job / inC, c = job % inC
                            Self.transformInput(src.value + ((firstImage + i) * inC + c) * h * w, height: h, width: w,
                                                firstTileRow: row0, tileRows: rows, tilesX: tilesX,
                                                into: vp.value + c * tiles + i * perPass, stride: inC * tiles)
                        }
                        if Matmul.isAvailable {
                            // The 16 products side by side, eight per worker: one hand-off per pass instead of 32.
                            let up = UnsafeSendableBox(ub.baseAddress!)
                            Parallel.forEach(16) { xi in
                                let panels = PackedPanels(vp.value + xi * inC * tiles, rows: inC, columns: tiles, ldb: tiles,
                                                          parallel: false)
                                Matmul.multiply(m: outC, a: up.value + xi * outC * inC, lda: inC, b: panels,
                                                c: mp.value + xi * outC * tiles, ldc: tiles, parallel: false)
                            }
                        } else {
                            for xi in 0..<16 {
                                BLAS.parallelGemm(m: outC, n: tiles, k: inC, a: ub.baseAddress! + xi * outC * inC, lda: inC,
                                                  b: vp.value + xi * inC * tiles, ldb: tiles, c: mp.value + xi * outC * tiles, ldc: tiles)
                            }
                        }
                        Parallel.forEach(outC * count) { job in
                            let i = job / outC, o = job % outC
                            Self.transformOutput(mp.value + o * tiles + i * perPass, stride: outC * tiles, bias: bias?[o] ?? 0,
                                                 firstTileRow: row0, tileRows: rows, tilesX: tilesX,
                                                 into: dst.value + ((firstImage + i) * outC + o) * h * w, height: h, width: w)
                        }
                        firstRow += rows
                    }
                    }
                }
            }
        }
    }

    /// Bᵀ d B for every 4×4 patch (zero-padded by one) of one channel; position ξ goes to `out + ξ·stride`.
    @inline(__always)
    static func transformInput(_ channel: UnsafePointer<Float>, height h: Int, width w: Int, firstTileRow: Int,
                               tileRows: Int, tilesX: Int, into out: UnsafeMutablePointer<Float>, stride: Int) {
        for ty in 0..<tileRows {
            let y0 = 2 * (firstTileRow + ty) - 1
            let rowsInside = y0 >= 0 && y0 + 3 < h
            var tx = 0
            // Four neighbouring interior tiles at once: their patch columns are the even and odd lanes of two
            // 8-wide loads per row, and each Winograd position's four values are stored contiguously.
            while tx < tilesX {
                guard rowsInside && tx >= 1 && tx + 4 <= tilesX && 2 * tx + 8 < w else {
                    transformEdgeTile(channel, height: h, width: w, y0: y0, tx: tx, into: out + ty * tilesX + tx, stride: stride)
                    tx += 1
                    continue
                }
                let p = channel + y0 * w + 2 * tx - 1
                @inline(__always) func columns(_ r: Int) -> (SIMD4<Float>, SIMD4<Float>, SIMD4<Float>, SIMD4<Float>) {
                    let a = UnsafeRawPointer(p + r * w).loadUnaligned(as: SIMD8<Float>.self)
                    let b = UnsafeRawPointer(p + r * w + 2).loadUnaligned(as: SIMD8<Float>.self)
                    return (a.evenHalf, a.oddHalf, b.evenHalf, b.oddHalf)
                }
                let d0 = columns(0), d1 = columns(1), d2 = columns(2), d3 = columns(3)
                let tile = out + ty * tilesX + tx
                @inline(__always) func put(_ r: Int, _ v: (SIMD4<Float>, SIMD4<Float>, SIMD4<Float>, SIMD4<Float>)) {
                    UnsafeMutableRawPointer(tile + (r * 4) * stride).storeBytes(of: v.0 - v.2, as: SIMD4<Float>.self)
                    UnsafeMutableRawPointer(tile + (r * 4 + 1) * stride).storeBytes(of: v.1 + v.2, as: SIMD4<Float>.self)
                    UnsafeMutableRawPointer(tile + (r * 4 + 2) * stride).storeBytes(of: v.2 - v.1, as: SIMD4<Float>.self)
                    UnsafeMutableRawPointer(tile + (r * 4 + 3) * stride).storeBytes(of: v.1 - v.3, as: SIMD4<Float>.self)
                }
                put(0, (d0.0 - d2.0, d0.1 - d2.1, d0.2 - d2.2, d0.3 - d2.3))
                put(1, (d1.0 + d2.0, d1.1 + d2.1, d1.2 + d2.2, d1.3 + d2.3))
                put(2, (d2.0 - d1.0, d2.1 - d1.1, d2.2 - d1.2, d2.3 - d1.3))
                put(3, (d1.0 - d3.0, d1.1 - d3.1, d1.2 - d3.2, d1.3 - d3.3))
                tx += 4
            }
        }
    }

    /// One tile's Bᵀ d B where its patch may reach past the image (zero padding).
    @inline(__always)
    static func transformEdgeTile(_ channel: UnsafePointer<Float>, height h: Int, width w: Int, y0: Int, tx: Int,
                                  into tile: UnsafeMutablePointer<Float>, stride: Int) {
        let x0 = 2 * tx - 1
        @inline(__always) func load(_ r: Int) -> SIMD4<Float> {
            var v = SIMD4<Float>()
            let y = y0 + r
            guard y >= 0 && y < h else { return v }
            for c in 0..<4 where x0 + c >= 0 && x0 + c < w { v[c] = channel[y * w + x0 + c] }
            return v
        }
        let d0 = load(0), d1 = load(1), d2 = load(2), d3 = load(3)
        let r0 = d0 - d2, r1 = d1 + d2, r2 = d2 - d1, r3 = d1 - d3
        @inline(__always) func put(_ r: Int, _ v: SIMD4<Float>) {
            tile[(r * 4) * stride] = v[0] - v[2]
            tile[(r * 4 + 1) * stride] = v[1] + v[2]
            tile[(r * 4 + 2) * stride] = v[2] - v[1]
            tile[(r * 4 + 3) * stride] = v[1] - v[3]
        }
        put(0, r0); put(1, r1); put(2, r2); put(3, r3)
    }

    /// Aᵀ M A for every tile of one output channel, plus the bias, cropped at odd edges.
    @inline(__always)
    static func transformOutput(_ m: UnsafePointer<Float>, stride: Int, bias: Float, firstTileRow: Int, tileRows: Int,
                                tilesX: Int, into channel: UnsafeMutablePointer<Float>, height h: Int, width w: Int) {
        for ty in 0..<tileRows {
            let y = 2 * (firstTileRow + ty)
            var tx = 0
            // Four tiles at once where all their 2×4·2 outputs are inside: contiguous loads per position.
            while y + 1 < h && tx + 4 <= tilesX && 2 * tx + 8 <= w {
                let tile = m + ty * tilesX + tx
                @inline(__always) func at(_ xi: Int) -> SIMD4<Float> {
                    UnsafeRawPointer(tile + xi * stride).loadUnaligned(as: SIMD4<Float>.self)
                }
                let s00 = at(0) + at(4) + at(8), s01 = at(1) + at(5) + at(9)
                let s02 = at(2) + at(6) + at(10), s03 = at(3) + at(7) + at(11)
                let s10 = at(4) - at(8) - at(12), s11 = at(5) - at(9) - at(13)
                let s12 = at(6) - at(10) - at(14), s13 = at(7) - at(11) - at(15)
                let b = SIMD4<Float>(repeating: bias)
                let y00 = s00 + s01 + s02 + b, y01 = s01 - s02 - s03 + b
                let y10 = s10 + s11 + s12 + b, y11 = s11 - s12 - s13 + b
                @inline(__always) func interleave(_ e: SIMD4<Float>, _ o: SIMD4<Float>) -> SIMD8<Float> {
                    SIMD8(e[0], o[0], e[1], o[1], e[2], o[2], e[3], o[3])
                }
                let row = channel + y * w + 2 * tx
                UnsafeMutableRawPointer(row).storeBytes(of: interleave(y00, y01), as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(row + w).storeBytes(of: interleave(y10, y11), as: SIMD8<Float>.self)
                tx += 4
            }
            while tx < tilesX {
                defer { tx += 1 }
                let tile = ty * tilesX + tx
                @inline(__always) func row(_ r: Int) -> SIMD4<Float> {
                    SIMD4(m[(r * 4) * stride + tile], m[(r * 4 + 1) * stride + tile],
                          m[(r * 4 + 2) * stride + tile], m[(r * 4 + 3) * stride + tile])
                }
                let r0 = row(0), r1 = row(1), r2 = row(2), r3 = row(3)
                let s0 = r0 + r1 + r2, s1 = r1 - r2 - r3
                let x = 2 * tx
                channel[y * w + x] = s0[0] + s0[1] + s0[2] + bias
                if x + 1 < w { channel[y * w + x + 1] = s0[1] - s0[2] - s0[3] + bias }
                if y + 1 < h {
                    channel[(y + 1) * w + x] = s1[0] + s1[1] + s1[2] + bias
                    if x + 1 < w { channel[(y + 1) * w + x + 1] = s1[1] - s1[2] - s1[3] + bias }
                }
            }
        }
    }
}
