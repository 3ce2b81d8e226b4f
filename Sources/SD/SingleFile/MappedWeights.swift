/// A weight source that answers our (diffusers) parameter names from a file in another key layout.
///
/// Shapes are checked by element count and trailing layout, not literally: the LDM VAE stores its attention
/// projections as 1×1 convolutions ([C, C, 1, 1]) where our layers read a [C, C] matrix, the same bytes.
struct MappedWeights: WeightSource {
    let file: SafeTensorsFile
    let map: [String: TensorRef]
    /// What the names are of, for messages ("the UNet of dreamshaper.safetensors").
    let label: String

    func contains(_ name: String) -> Bool { map[name] != nil }

    func floats(_ name: String, shape: [Int]) throws -> [Float] {
        let (ref, expected) = try locate(name, shape: shape)
        let values = try file.floats(ref.key)
        if ref.parts == 1 { return values }
        return Array(values[ref.part * expected..<(ref.part + 1) * expected])
    }

    /// 16-bit tensors stay 16-bit, as from a diffusers folder (single files are what users have, mostly f16);
    /// a part of a fused tensor is read as floats.
    func values(_ name: String, shape: [Int]) throws -> WeightValues {
        let (ref, _) = try locate(name, shape: shape)
        guard ref.parts == 1 else { return .float(try floats(name, shape: shape)) }
        return try file.values(ref.key, shape: file.entries[ref.key]!.shape)
    }

    /// The tensor behind `name`, checked to hold `shape` (or one part of it), and the element count wanted.
    private func locate(_ name: String, shape: [Int]) throws -> (TensorRef, Int) {
        guard let ref = map[name] else {
            throw SDError("\(file.path): \(label) has no tensor for \(name.quotedForMessage) (\(map.count) tensors mapped); the checkpoint is incomplete or of another architecture")
        }
        let entry = file.entries[ref.key]!
        let expected = shape.reduce(1, *)
        let total = entry.elementCount
        let squeezed = entry.shape.filter { $0 != 1 }, wanted = shape.filter { $0 != 1 }
        guard total == expected * ref.parts, ref.parts > 1 || squeezed == wanted else {
            let what = ref.parts > 1 ? "part \(ref.part + 1) of \(ref.parts) of" : ""
            throw SDError("\(file.path): tensor \(ref.key.quotedForMessage) has shape \(entry.shape); \(what) expected \(shape) for \(name.quotedForMessage) of \(label)")
        }
        return (ref, expected)
    }
}
