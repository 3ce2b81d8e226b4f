/// The right operand of a product, K×N, stored as column panels of the tiling's full or tail width (zero-padded),
/// each panel's K rows contiguous: the layout the micro-kernels stream through. Weights are packed once when a
/// model loads; activations are packed per product.
struct PackedPanels: Sendable {
    let rows: Int, columns: Int
    /// The micro-kernel tile these panels are laid out for.
    let tiling: Tiling
    /// Panel i covers columns starts[i]..<starts[i] + widths[i]; its rows start at starts[i] · rows.
    let starts: [Int], widths: [Int]
    /// The panels as float32, or empty when they are kept as 16-bit floats in `halves` (weights only).
    var data: [Float]
    var halves: HalfFloats?

    /// Panel widths: the full width while more than (full − tail) columns remain, then tail-width panels (48 and
    /// 16 on AVX-512: a tail of up to 32 columns as 16-wide panels). `padded` is the columns including the last
    /// panel's padding, less than a tail width.
    static func layout(columns: Int, tiling: Tiling) -> (starts: [Int], widths: [Int], padded: Int) {
        var starts: [Int] = [], widths: [Int] = []
        var start = 0
        while start < columns {
            let width = columns - start > tiling.width - tiling.tailWidth ? tiling.width : tiling.tailWidth
            starts.append(start)
            widths.append(width)
            start += width
        }
        return (starts, widths, start)
    }

    /// The panels of a K×N matrix whose row r is written by `fill(r, buffer)` (N values), rows filled in parallel.
    init(rows: Int, columns: Int, tiling: Tiling = .native, parallel: Bool = true,
         fill: (Int, UnsafeMutablePointer<Float>) -> Void) {
        self.init(rows: rows, columns: columns, tiling: tiling, parallel: parallel) { r, scatter in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: columns) { row in
                fill(r, row.baseAddress!)
                scatter(row.baseAddress!)
            }
        }
    }

    /// Packs row-major `b` [K×N] with row stride `ldb`.
    init(_ b: UnsafePointer<Float>, rows: Int, columns: Int, ldb: Int, tiling: Tiling = .native, parallel: Bool = true) {
        let source = UnsafeSendableBox(b)
        self.init(rows: rows, columns: columns, tiling: tiling, parallel: parallel) { r, scatter in scatter(source.value + r * ldb) }
    }

    /// Rows handed over one at a time: `row(r, scatter)` calls `scatter` with a pointer to row r's N values, which
    /// are copied into the panels; only the padding columns are zeroed.
    private init(rows: Int, columns: Int, tiling: Tiling, parallel: Bool,
                 row: (Int, (UnsafePointer<Float>) -> Void) -> Void) {
        self.rows = rows
        self.columns = columns
        self.tiling = tiling
        let padded: Int
        (starts, widths, padded) = Self.layout(columns: columns, tiling: tiling)
        data = .uninitialized(padded * rows)
        halves = nil
        let starts = self.starts, widths = self.widths
        data.withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeSendableBox(buffer.baseAddress!)
            func pack(_ r: Int) {
                row(r) { values in
                    for (start, width) in zip(starts, widths) {
                        let target = base.value + start * rows + r * width, valid = min(width, columns - start)
                        target.update(from: values + start, count: valid)
                        if valid < width { (target + valid).update(repeating: 0, count: width - valid) }
                    }
                }
            }
            if parallel { Parallel.forEach(rows, minimumPerThread: 64, pack) } else { for r in 0..<rows { pack(r) } }
        }
    }

    /// Packs the transpose of row-major `w` [N×K] (a linear layer's [out, in] weight), so that x · wᵀ is a product
    /// with these panels. 16-bit weights stay 16-bit in the panels; the product converts each panel slice as it
    /// first reads it.
    init(transposing w: WeightValues, outputs: Int, inputs: Int, tiling: Tiling = .native) {
        rows = inputs
        columns = outputs
        self.tiling = tiling
        let padded: Int
        (starts, widths, padded) = Self.layout(columns: outputs, tiling: tiling)
        switch w {
        case .float(let values):
            data = Self.transpose(values, zero: 0, outputs: outputs, inputs: inputs, starts: starts, widths: widths, padded: padded)
            halves = nil
        case .half(let values):
            data = []
            halves = HalfFloats(format: values.format, bits: Self.transpose(values.bits, zero: 0, outputs: outputs, inputs: inputs,
                                                                          starts: starts, widths: widths, padded: padded))
        }
    }

    /// `init(transposing:)` for float32 weights.
    init(transposing w: [Float], outputs: Int, inputs: Int, tiling: Tiling = .native) {
        self.init(transposing: .float(w), outputs: outputs, inputs: inputs, tiling: tiling)
    }

    /// Reads each panel's rows of `w` side by side, in step along K.
    private static func transpose<Element>(_ w: [Element], zero: Element, outputs: Int, inputs: Int, starts: [Int],
                                           widths: [Int], padded: Int) -> [Element] {
        var data = [Element](repeating: zero, count: padded * inputs)
        w.withUnsafeBufferPointer { src in
            data.withUnsafeMutableBufferPointer { dst in
                let s = UnsafeSendableBox(src.baseAddress!), d = UnsafeSendableBox(dst.baseAddress!)
                Parallel.forEach(starts.count) { p in
                    let panel = d.value + starts[p] * inputs, width = widths[p]
                    for j in 0..<min(width, outputs - starts[p]) {
                        let column = s.value + (starts[p] + j) * inputs
                        for k in 0..<inputs { panel[k * width + j] = column[k] }
                    }
                }
            }
        }
        return data
    }
}

extension PackedPanels {
    /// The panels' storage for the duration of `body`: float32 values, or else the 16-bit ones.
    func withPanels<R>(_ body: (UnsafePointer<Float>?, (bits: UnsafePointer<UInt16>, format: HalfFloats.Format)?) -> R) -> R {
        if let halves {
            return halves.bits.withUnsafeBufferPointer { body(nil, ($0.baseAddress!, halves.format)) }
        }
        return data.withUnsafeBufferPointer { body($0.baseAddress!, nil) }
    }
}
