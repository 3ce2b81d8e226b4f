/// The tensor shapes of one checkpoint component by their bare names (prefix removed), for shape inference.
struct KeyedShapes {
    /// The file the shapes are of, for messages.
    let path: String
    /// Bare name → shape.
    let shapes: [String: [Int]]

    init(path: String, shapes: [String: [Int]]) {
        self.path = path
        self.shapes = shapes
    }

    /// The shapes of `keys` (bare name → the file's key) in `file`.
    init(file: SafeTensorsFile, keys: [String: String]) {
        self.init(path: file.path, shapes: keys.compactMapValues { file.entries[$0]?.shape })
    }

    var names: Dictionary<String, [Int]>.Keys { shapes.keys }

    func has(_ name: String) -> Bool { shapes[name] != nil }

    func shape(_ name: String) throws -> [Int] {
        guard let shape = shapes[name] else {
            throw SDError("\(path): no tensor for \(name.quotedForMessage); expected an SD 1.x/2.x checkpoint in the LDM layout")
        }
        return shape
    }
}
