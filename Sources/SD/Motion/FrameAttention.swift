/// Attention along the frame axis: many short sequences (one per spatial location, 16 frames each) of
/// [frames, heads·d] rows, each head attending only within its own sequence.
///
/// The spatial kernel (`Attention.multiHead`) packs panels for products of thousands of rows; here a sequence's
/// scores are 16 × 16 per head, so the dot products and the weighted sums run directly on SIMD lanes, one worker
/// per block of sequences.
enum FrameAttention {
    /// softmax(Q Kᵀ / √d) V per sequence and head, for q, k, v [sequences·length, heads·d].
    static func run(q: Tensor, k: Tensor, v: Tensor, length: Int, heads: Int) -> Tensor {
        let width = q.shape.last!, rows = q.count / width
        precondition(k.shape == q.shape && v.shape == q.shape && rows % length == 0 && width % heads == 0)
        let headDim = width / heads, sequences = rows / length
        let scale = 1 / Float(headDim).squareRoot()
        var out = [Float].uninitialized(q.count)
        q.data.withUnsafeBufferPointer { qp in
            k.data.withUnsafeBufferPointer { kp in
                v.data.withUnsafeBufferPointer { vp in
                    out.withUnsafeMutableBufferPointer { op in
                        let qb = UnsafeSendableBox(qp.baseAddress!), kb = UnsafeSendableBox(kp.baseAddress!)
                        let vb = UnsafeSendableBox(vp.baseAddress!), ob = UnsafeSendableBox(op.baseAddress!)
                        Parallel.forEach(sequences, minimumPerThread: 8) { s in
                            withUnsafeTemporaryAllocation(of: Float.self, capacity: length) { weights in
                                let base = s * length * width
                                for h in 0..<heads {
                                    let column = base + h * headDim
                                    for i in 0..<length {
                                        let query = qb.value + column + i * width
                                        for j in 0..<length {
                                            weights[j] = dot(query, kb.value + column + j * width, headDim) * scale
                                        }
                                        let total = VectorMath.exponentiate(weights.baseAddress!, count: length)
                                        let target = ob.value + column + i * width
                                        let inverse = 1 / total
                                        for d in 0..<headDim { target[d] = 0 }
                                        for j in 0..<length {
                                            axpy(weights[j] * inverse, vb.value + column + j * width, target, headDim)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Tensor(shape: q.shape, data: out)
    }

    /// Σ a[i]·b[i] over `count` floats, eight lanes at a time.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var lanes = SIMD8<Float>(repeating: 0)
        var i = 0
        while i + 8 <= count {
            lanes = lanes.addingProduct(UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self),
                                        UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self))
            i += 8
        }
        var total = lanes.sum()
        while i < count {
            total += a[i] * b[i]
            i += 1
        }
        return total
    }

    /// y += alpha·x over `count` floats.
    @inline(__always)
    static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        var i = 0
        let a = SIMD8<Float>(repeating: alpha)
        while i + 8 <= count {
            let current = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + i).storeBytes(
                of: current.addingProduct(a, UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)),
                as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            y[i] += alpha * x[i]
            i += 1
        }
    }
}
