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

    /// The shape of `name`, which the architecture is read from: at least `count` dimensions, the first `count`
    /// of them above 0 (a size of 0 would make a layer of nothing, and a missing axis is no size at all).
    func dims(_ name: String, _ count: Int) throws -> [Int] {
        try Self.checked(try shape(name), count, name: name, path: path)
    }

    static func checked(_ shape: [Int], _ count: Int, name: String, path: String) throws -> [Int] {
        guard shape.count >= count, shape.prefix(count).allSatisfy({ $0 > 0 }) else {
            throw SDError("\(path): tensor \(name.quotedForMessage) has shape \(shape); expected \(count == 1 ? "a first size" : "\(count) sizes") above 0 to read the architecture from")
        }
        return shape
    }
}
