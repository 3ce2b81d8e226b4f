import Foundation

/// Writes small float32 safetensors files for tests that need a layout no fixture has.
enum TestSafeTensors {
    static func write(_ path: String, _ tensors: [(name: String, shape: [Int], values: [Float])], metadata: [String: String] = [:]) throws {
        var header: [String: Any] = [:]
        var data = Data()
        for t in tensors {
            precondition(t.values.count == t.shape.reduce(1, *))
            header[t.name] = ["dtype": "F32", "shape": t.shape, "data_offsets": [data.count, data.count + t.values.count * 4]]
            t.values.withUnsafeBufferPointer { data.append(Data(buffer: $0)) }
        }
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        while json.count % 8 != 0 { json.append(0x20) }
        var length = UInt64(json.count).littleEndian
        var file = Data(bytes: &length, count: 8)
        file.append(json)
        file.append(data)
        try file.write(to: URL(fileURLWithPath: path))
    }
}
