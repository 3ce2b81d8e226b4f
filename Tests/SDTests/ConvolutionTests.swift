@testable import SD
import Testing

/// Convolutions (Winograd F(2×2, 3×3) and im2col + GEMM) against a direct six-loop convolution, on sizes that
/// exercise every edge case of the tiling: 1×1, odd widths and heights, widths that leave partial 4-tile groups.
@Suite struct ConvolutionTests {
    /// Named parameters handed out as given.
    struct Fixed: WeightSource {
        let values: [String: [Float]]
        func floats(_ name: String, shape: [Int]) throws -> [Float] {
            guard let v = values[name], v.count == shape.reduce(1, *) else { throw SDError("no \(name) of shape \(shape)") }
            return v
        }
        func contains(_ name: String) -> Bool { values[name] != nil }
    }

    /// Deterministic values in [-1, 1).
    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var s = seed
        return (0..<count).map { _ in
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: s) >> 40) / Float(1 << 23)
        }
    }

    /// out[o][y][x] = b[o] + Σ w[o][c][ky][kx] · in[c][y·s + ky − p][x·s + kx − p], zero outside.
    static func direct(_ x: Tensor, weight: [Float], bias: [Float], out: Int, kernel k: Int, stride s: Int, padding p: Int,
                       extra: Int = 0) -> [Float] {
        let c = x.shape[1], h = x.shape[2], w = x.shape[3]
        let oh = (h + 2 * p + extra - k) / s + 1, ow = (w + 2 * p + extra - k) / s + 1
        var result = [Float](repeating: 0, count: out * oh * ow)
        for o in 0..<out {
            for y in 0..<oh {
                for xx in 0..<ow {
                    var sum = Double(bias[o])
                    for ci in 0..<c {
                        for ky in 0..<k {
                            for kx in 0..<k {
                                let iy = y * s + ky - p, ix = xx * s + kx - p
                                guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                                sum += Double(weight[((o * c + ci) * k + ky) * k + kx]) * Double(x.data[(ci * h + iy) * w + ix])
                            }
                        }
                    }
                    result[(o * oh + y) * ow + xx] = Float(sum)
                }
            }
        }
        return result
    }

    /// The largest difference from the direct convolution, image by image, over a batch of `batch` images; a
    /// `budget` below the batch's im2col size splits it into several products.
    static func check(inChannels: Int, outChannels: Int, height: Int, width: Int, kernel: Int, stride: Int, padding: Int,
                      extra: Int = 0, batch: Int = 1, budget: Int = 1 << 23) throws -> Float {
        let weight = values(outChannels * inChannels * kernel * kernel, seed: 1), bias = values(outChannels, seed: 2)
        let conv = try Conv2D(WeightScope(Fixed(values: ["weight": weight, "bias": bias])), inChannels: inChannels,
                              outChannels: outChannels, kernel: kernel, stride: stride, padding: padding)
        let size = inChannels * height * width
        let x = Tensor(shape: [batch, inChannels, height, width], data: values(batch * size, seed: 3))
        let ours = conv.forward(x, padBottomRight: extra, batchBudget: budget)
        var error: Float = 0
        for b in 0..<batch {
            let image = Tensor(shape: [1, inChannels, height, width], data: Array(x.data[(b * size)..<((b + 1) * size)]))
            let expected = direct(image, weight: weight, bias: bias, out: outChannels, kernel: kernel, stride: stride,
                                  padding: padding, extra: extra)
            #expect(ours.count == expected.count * batch)
            let mine = ours.data[(b * expected.count)..<((b + 1) * expected.count)]
            error = max(error, zip(mine, expected).reduce(0) { max($0, abs($1.0 - $1.1)) })
        }
        return error
    }

    @Test(arguments: [(1, 1), (2, 3), (5, 7), (9, 13), (16, 17), (6, 19)])
    func winogradMatchesTheDirectConvolution(size: (Int, Int)) throws {
        #expect(Winograd.applies(kernel: 3, stride: 1, padding: 1, inChannels: 5, outChannels: 3))
        let error = try Self.check(inChannels: 5, outChannels: 3, height: size.0, width: size.1, kernel: 3, stride: 1, padding: 1)
        #expect(error < 1e-5, "max error \(error) at \(size)")
        // A batch is one set of products over every image's tiles.
        let batched = try Self.check(inChannels: 5, outChannels: 3, height: size.0, width: size.1, kernel: 3, stride: 1, padding: 1, batch: 3)
        #expect(batched < 1e-5, "max error \(batched) at \(size), batch 3")
    }

    @Test func im2colPathsMatchTheDirectConvolution() throws {
        // Stride 2 with padding 1 (UNet downsampler), stride 2 with one extra zero row/column and no padding (VAE
        // encoder downsampler), and 1×1.
        #expect(try Self.check(inChannels: 4, outChannels: 6, height: 9, width: 7, kernel: 3, stride: 2, padding: 1) < 1e-5)
        #expect(try Self.check(inChannels: 4, outChannels: 6, height: 8, width: 10, kernel: 3, stride: 2, padding: 0, extra: 1) < 1e-5)
        #expect(try Self.check(inChannels: 7, outChannels: 5, height: 3, width: 5, kernel: 1, stride: 1, padding: 0) < 1e-5)
        // Batches: one product for all images, or (a budget below the batch's columns) several.
        for budget in [1 << 23, 4 * 6 * 9 * 20 + 1, 1] {
            #expect(try Self.check(inChannels: 4, outChannels: 6, height: 9, width: 7, kernel: 3, stride: 2, padding: 1, batch: 3, budget: budget) < 1e-5)
            #expect(try Self.check(inChannels: 4, outChannels: 6, height: 8, width: 10, kernel: 3, stride: 2, padding: 0, extra: 1, batch: 3, budget: budget) < 1e-5)
            #expect(try Self.check(inChannels: 7, outChannels: 5, height: 3, width: 5, kernel: 1, stride: 1, padding: 0, batch: 3, budget: budget) < 1e-5)
        }
        // A layer too wide for Winograd takes im2col at stride 1.
        #expect(!Winograd.applies(kernel: 3, stride: 1, padding: 1, inChannels: 1280, outChannels: 1280))
    }
}
