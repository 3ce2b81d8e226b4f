/// Reads and checks a safetensors header: every entry's dtype, shape and data offsets are validated against
/// the file's size before any tensor byte is touched.
enum SafeTensorsHeader {
    /// Largest header length accepted; real model headers are well under 1 MB.
    static let maxLength = 100_000_000
    /// Bytes of the little-endian u64 header length that starts the file.
    static let lengthFieldSize = 8
    /// The header key that holds string metadata rather than a tensor.
    static let metadataKey = "__metadata__"

    /// The entries, metadata and data section offset of the header at the start of `bytes`; `fileSize` bounds
    /// the data section and `source` names the file in errors.
    static func parse(_ bytes: UnsafeRawBufferPointer, fileSize: Int, source: String) throws(SDError)
        -> (entries: [String: TensorEntry], metadata: [String: String], dataOffset: Int)
    {
        let available = min(bytes.count, fileSize)
        guard available >= lengthFieldSize else {
            throw SDError("\(source): file is \(available) bytes, too short for the 8-byte header length (truncated or not a safetensors file)")
        }
        let length = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        guard length <= UInt64(maxLength) else {
            throw SDError("\(source): header length is \(length) bytes, more than the \(maxLength)-byte limit (not a safetensors file?)")
        }
        let dataOffset = lengthFieldSize + Int(length)
        guard dataOffset <= available else {
            throw SDError("\(source): header length is \(length) bytes but the file has only \(available - lengthFieldSize) bytes after the length field (truncated?)")
        }
        let json = try HeaderJSONParser.parse(UnsafeRawBufferPointer(rebasing: bytes[lengthFieldSize..<dataOffset]), source: source)
        guard case .object(let members) = json else {
            throw SDError("\(source): header is \(json.kind), expected a JSON object of tensors")
        }
        let dataSize = fileSize - dataOffset
        var entries: [String: TensorEntry] = [:]
        var metadata: [String: String] = [:]
        for (key, value) in members {
            if key == metadataKey {
                metadata = try parseMetadata(value, source: source)
            } else {
                entries[key] = try parseEntry(name: key, value, dataSize: dataSize, source: source)
            }
        }
        try checkNoOverlap(entries.values, source: source)
        return (entries, metadata, dataOffset)
    }

    private static func parseMetadata(_ value: HeaderJSON, source: String) throws(SDError) -> [String: String] {
        guard case .object(let members) = value else {
            throw SDError("\(source): \"\(metadataKey)\" is \(value.kind), expected an object of strings")
        }
        var metadata: [String: String] = [:]
        for (key, item) in members {
            guard case .string(let text) = item else {
                throw SDError("\(source): metadata \(key.quotedForMessage) is \(item.kind), expected a string")
            }
            metadata[key] = text
        }
        return metadata
    }

    private static func parseEntry(name: String, _ value: HeaderJSON, dataSize: Int, source: String) throws(SDError) -> TensorEntry {
        let tensor = "\(source): tensor \(name.quotedForMessage)"
        guard case .object(let members) = value else {
            throw SDError("\(tensor) is \(value.kind), expected an object with dtype, shape and data_offsets")
        }
        // Other keys are ignored: the format names only these three, and writers may add their own.
        func member(_ key: String) throws(SDError) -> HeaderJSON {
            guard let found = members.first(where: { $0.key == key }) else { throw SDError("\(tensor) has no \"\(key)\"") }
            return found.value
        }
        guard case .string(let dtypeName) = try member("dtype") else {
            throw SDError("\(tensor): \"dtype\" is \(try member("dtype").kind), expected a string such as \"F16\"")
        }
        let shape = try integers(try member("shape"), what: "\"shape\"", role: "dimension", tensor: tensor)
        let offsets = try integers(try member("data_offsets"), what: "\"data_offsets\"", role: "offset", tensor: tensor)
        guard offsets.count == 2 else {
            throw SDError("\(tensor): \"data_offsets\" has \(offsets.count) numbers, expected two: [begin, end]")
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin <= end else {
            throw SDError("\(tensor): data_offsets [\(begin), \(end)] begin after they end, expected begin <= end")
        }
        guard end <= dataSize else {
            throw SDError("\(tensor): data_offsets [\(begin), \(end)] are out of bounds, expected an end within the \(dataSize)-byte data section (truncated?)")
        }
        var elementCount = 1
        for dimension in shape {
            let (product, overflow) = elementCount.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw SDError("\(tensor): shape \(shape) overflows: its element count is too large to represent") }
            elementCount = product
        }
        let elementSize = TensorDType(rawValue: dtypeName)?.byteSize ?? TensorDType.otherByteSizes[dtypeName]
        if let elementSize {
            let (byteCount, overflow) = elementCount.multipliedReportingOverflow(by: elementSize)
            guard !overflow else { throw SDError("\(tensor): shape \(shape) of \(dtypeName) overflows: its byte size is too large to represent") }
            guard end - begin == byteCount else {
                throw SDError("\(tensor): data_offsets [\(begin), \(end)] hold \(end - begin) bytes, expected \(byteCount) bytes for \(dtypeName) shape \(shape) (size mismatch)")
            }
        }
        return TensorEntry(name: name, dtypeName: dtypeName, shape: shape, byteRange: begin..<end)
    }

    /// The non-negative integers of a JSON array, such as a shape or data offsets.
    private static func integers(_ value: HeaderJSON, what: String, role: String, tensor: String) throws(SDError) -> [Int] {
        guard case .array(let elements) = value else {
            throw SDError("\(tensor): \(what) is \(value.kind), expected an array of non-negative integers")
        }
        var result: [Int] = []
        result.reserveCapacity(elements.count)
        for element in elements {
            guard case .number(let text) = element else {
                throw SDError("\(tensor): \(what) holds \(element.kind), expected non-negative integers")
            }
            if text.hasPrefix("-") {
                throw SDError("\(tensor): \(what) holds the negative \(role) \(text.quotedForMessage), expected non-negative integers")
            }
            guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                throw SDError("\(tensor): \(what) holds \(text.quotedForMessage), expected whole numbers without fraction or exponent")
            }
            guard let number = Int(text) else {
                throw SDError("\(tensor): \(what) holds \(text.quotedForMessage), too large for a \(role)")
            }
            result.append(number)
        }
        return result
    }

    /// Tensors must not share bytes: a hostile file could otherwise alias one tensor's data as another's.
    private static func checkNoOverlap(_ entries: some Collection<TensorEntry>, source: String) throws(SDError) {
        let sorted = entries.sorted {
            ($0.byteRange.lowerBound, $0.byteRange.upperBound) < ($1.byteRange.lowerBound, $1.byteRange.upperBound)
        }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where next.byteRange.lowerBound < previous.byteRange.upperBound {
            throw SDError("\(source): tensors \(previous.name.quotedForMessage) (bytes \(previous.byteRange.lowerBound)..<\(previous.byteRange.upperBound)) and \(next.name.quotedForMessage) (bytes \(next.byteRange.lowerBound)..<\(next.byteRange.upperBound)) overlap, expected separate data")
        }
    }
}
