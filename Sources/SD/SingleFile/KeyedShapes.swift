/// The tensors of one checkpoint component by their bare names (prefix removed), for shape inference.
struct KeyedShapes {
    let file: SafeTensorsFile
    /// Bare name → the file's key.
    let keys: [String: String]

    func has(_ name: String) -> Bool { keys[name] != nil }

    func shape(_ name: String) throws -> [Int] {
        guard let key = keys[name], let entry = file.entries[key] else {
            throw SDError("\(file.path): no tensor for \(name.quotedForMessage); expected an SD 1.x/2.x checkpoint in the LDM layout")
        }
        return entry.shape
    }
}
