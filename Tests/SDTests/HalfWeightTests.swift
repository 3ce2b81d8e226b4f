@testable import SD
import Testing

/// 16-bit weights kept 16-bit: the vector conversion is exact for every bit pattern, products whose A or B is
/// 16-bit equal the Double triple loop over the same (rounded) values with every tiling, and layers built from f16
/// weights give the same outputs as from those weights expanded to float32.
@Suite struct HalfWeightTests {
    /// The same values through `WeightValues.half` (matrices rounded to f16) or as float32 of the rounded values.
    struct Rounded: WeightSource {
        let values: [String: [Float]]
        let half: Bool

        func floats(_ name: String, shape: [Int]) throws -> [Float] {
            guard let v = values[name], v.count == shape.reduce(1, *) else { throw SDError("no \(name) of shape \(shape)") }
            return shape.count > 1 ? v.map { Float(Float16($0)) } : v
        }

        func values(_ name: String, shape: [Int]) throws -> WeightValues {
            guard half, shape.count > 1, let v = values[name] else { return .float(try floats(name, shape: shape)) }
            return .half(HalfFloats(format: .f16, bits: v.map { Float16($0).bitPattern }))
        }

        func contains(_ name: String) -> Bool { values[name] != nil }
    }

    /// All 65,536 f16 patterns (an odd count, so the scalar tail runs too) against the scalar conversion, bit for bit.
    @Test func vectorConversionIsExactForEveryHalf() {
        let patterns = (0...UInt16.max).map { $0 } + [0x3C00]
        let floats = HalfFloats(format: .f16, bits: patterns).floats
        let mismatches = zip(patterns, floats).filter { TensorConversion.floatBits(fromHalf: $0) != $1.bitPattern }
        #expect(mismatches.isEmpty, "first: \(mismatches.first.map { String($0.0, radix: 16) } ?? "")")
    }

    @Test func bf16IsTheTopHalfOfAFloat() {
        let values: [Float] = [1, -2.5, .infinity, 0, -0, 3.140625, 1e-30, 65536, 0.5]
        let floats = HalfFloats(format: .bf16, bits: values.map { UInt16($0.bitPattern >> 16) }).floats
        #expect(floats.map(\.bitPattern) == values.map { $0.bitPattern & 0xFFFF_0000 })
    }

    /// m ≥ n and m < n (both ways of splitting), K split into passes, odd edges.
    @Test(arguments: [(37, 21, 600), (9, 70, 1100), (50, 50, 33), (6, 200, 17)], Tiling.allCases)
    func productsOfHalfOperandsMatchTheTripleLoop(shape: (Int, Int, Int), tiling: Tiling) {
        let (m, n, k) = shape
        let a = ConvolutionTests.values(m * k, seed: 21).map { Float16($0) }
        let bT = ConvolutionTests.values(n * k, seed: 22).map { Float16($0) }  // [n × k], a linear layer's weight
        let b = (0..<(k * n)).map { Float(bT[($0 % n) * k + $0 / n]) }
        let want = MatmulTests.reference(m: m, n: n, k: k, a: a.map { Float($0) }, b: b)
        let halfB = PackedPanels(transposing: .half(HalfFloats(format: .f16, bits: bT.map(\.bitPattern))), outputs: n,
                                 inputs: k, tiling: tiling)
        let floatB = PackedPanels(transposing: bT.map { Float($0) }, outputs: n, inputs: k, tiling: tiling)
        let halfA = a.map(\.bitPattern), floatA = a.map { Float($0) }
        for (halfLeft, panels) in [(true, halfB), (true, floatB), (false, halfB)] {
            var c = [Float](repeating: .nan, count: m * n)
            halfA.withUnsafeBufferPointer { ha in
                floatA.withUnsafeBufferPointer { fa in
                    Matmul.multiply(m: m, a: halfLeft ? .half(ha.baseAddress!, .f16) : .float(fa.baseAddress!), lda: k,
                                    b: panels, c: &c, ldc: n)
                }
            }
            #expect(MatmulTests.error(c, want) < 1e-6 * Double(k).squareRoot(),
                    "\(m)×\(n)×\(k) \(tiling) half A \(halfLeft) half B \(panels.halves != nil)")
        }
    }

    /// A convolution read as the GEMM's left operand (too wide for Winograd) and a linear layer, each built once
    /// from f16 weights and once from the same values as float32: identical outputs.
    @Test func layersFromHalfWeightsEqualLayersFromTheirFloats() throws {
        let (inC, outC) = (6, 10)
        let weights = ["conv.weight": ConvolutionTests.values(outC * inC * 9, seed: 31), "conv.bias": ConvolutionTests.values(outC, seed: 32),
                       "fc.weight": ConvolutionTests.values(40 * 30, seed: 33), "fc.bias": ConvolutionTests.values(40, seed: 34)]
        let x = Tensor(shape: [1, inC, 7, 9], data: ConvolutionTests.values(inC * 63, seed: 35))
        let tokens = Tensor(shape: [1, 13, 30], data: ConvolutionTests.values(13 * 30, seed: 36))
        var outputs: [[Float]] = []
        for half in [true, false] {
            let scope = WeightScope(Rounded(values: weights, half: half))
            // Stride 2 takes the im2col path whatever the channel count.
            let conv = try Conv2D(scope["conv"], inChannels: inC, outChannels: outC, kernel: 3, stride: 2, padding: 1)
            let fc = try Linear(scope["fc"], inFeatures: 30, outFeatures: 40)
            if half, case .half = conv.weight {} else if half { Issue.record("conv weight expanded to float32") }
            outputs.append(conv(x).data + fc(tokens).data)
        }
        #expect(outputs[0] == outputs[1])
    }
}
