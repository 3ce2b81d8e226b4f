/// A dense float32 tensor in row-major order: images are [N, C, H, W], token sequences [N, T, C].
public struct Tensor: Sendable {
    public var shape: [Int]
    public var data: [Float]

    public init(shape: [Int], data: [Float]) {
        precondition(shape.reduce(1, *) == data.count, "shape \(shape) does not hold \(data.count) values")
        self.shape = shape
        self.data = data
    }

    public init(zeros shape: [Int]) {
        self.init(shape: shape, data: [Float](repeating: 0, count: shape.reduce(1, *)))
    }

    public var count: Int { data.count }

    /// Batch item `i` of an [N, …] tensor, keeping a batch axis of 1.
    public func item(_ i: Int) -> Tensor {
        let per = count / shape[0]
        return Tensor(shape: [1] + shape.dropFirst(), data: Array(data[(i * per)..<((i + 1) * per)]))
    }

    /// Stacks [1, …] tensors along the batch axis.
    public static func batch(_ items: [Tensor]) -> Tensor {
        var data: [Float] = []
        data.reserveCapacity(items.reduce(0) { $0 + $1.count })
        for t in items { data += t.data }
        return Tensor(shape: [items.count] + items[0].shape.dropFirst(), data: data)
    }

    /// Element-wise sum (shapes must match).
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        precondition(a.shape == b.shape, "cannot add \(a.shape) and \(b.shape)")
        var out = a
        out.add(b)
        return out
    }

    /// Adds `other` element-wise in place.
    public mutating func add(_ other: Tensor) {
        precondition(shape == other.shape, "cannot add \(shape) and \(other.shape)")
        data.withUnsafeMutableBufferPointer { d in
            other.data.withUnsafeBufferPointer { o in
                for i in 0..<d.count { d[i] += o[i] }
            }
        }
    }

    /// Concatenates two [N, C, H, W] tensors along the channel axis (the UNet's skip connections).
    public static func concatChannels(_ a: Tensor, _ b: Tensor) -> Tensor {
        precondition(a.shape.count == 4 && b.shape.count == 4 && a.shape[0] == b.shape[0] && a.shape[2...] == b.shape[2...])
        let n = a.shape[0], ca = a.shape[1], cb = b.shape[1], plane = a.shape[2] * a.shape[3]
        var data: [Float] = []
        data.reserveCapacity(a.count + b.count)
        for i in 0..<n {
            data += a.data[(i * ca * plane)..<((i + 1) * ca * plane)]
            data += b.data[(i * cb * plane)..<((i + 1) * cb * plane)]
        }
        return Tensor(shape: [n, ca + cb, a.shape[2], a.shape[3]], data: data)
    }

    /// [N, C, H, W] → [N, H·W, C]: image features as a token sequence for attention.
    public func channelsLast() -> Tensor {
        precondition(shape.count == 4)
        let c = shape[1], hw = shape[2] * shape[3]
        return Tensor(shape: [shape[0], hw, c], data: transposingItems(rows: c, columns: hw))
    }

    /// [N, H·W, C] → [N, C, H, W], the inverse of `channelsLast`.
    public func channelsFirst(height: Int, width: Int) -> Tensor {
        precondition(shape.count == 3 && shape[1] == height * width)
        let c = shape[2]
        return Tensor(shape: [shape[0], c, height, width], data: transposingItems(rows: height * width, columns: c))
    }

    /// Each batch item's data read as a rows × columns matrix, transposed.
    private func transposingItems(rows: Int, columns: Int) -> [Float] {
        var out = [Float](repeating: 0, count: count)
        data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for base in stride(from: 0, to: count, by: rows * columns) {
                    for r in 0..<rows {
                        for j in 0..<columns { dst[base + j * rows + r] = src[base + r * columns + j] }
                    }
                }
            }
        }
        return out
    }
}

extension Array where Element == Float {
    /// `count` floats left unset, for buffers the next step overwrites completely (GEMM outputs, im2col columns,
    /// Winograd transforms): zero-filling them first was a whole extra pass over memory per layer.
    static func uninitialized(_ count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }
}

extension Optional where Wrapped == [Float] {
    /// The array's base address for the duration of `body`, or nil when there is no array.
    func withUnsafeBufferPointerIfPresent<R>(_ body: (UnsafePointer<Float>?) -> R) -> R {
        guard let array = self else { return body(nil) }
        return array.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
