#if canImport(Glibc)
import Glibc
#endif

/// A fuzz input read as the tensor list of a safetensors file, one tensor a line: `KEY`, `KEY<TAB>SHAPE` or
/// `KEY<TAB>SHAPE<TAB>DTYPE`, SHAPE as comma-separated sizes (empty: a scalar; no tab: shape [1]), DTYPE F32 by
/// default. A line `#NAME=VALUE` is a metadata string. Mutating text keys finds what mutating raw header bytes
/// rarely reaches: the key mapping behind a header that parses.
///
/// Written as a real file (with sparse zero data, so large shapes cost no writing), because the code under test
/// opens a path; every list makes a file the safetensors reader must accept.
struct KeyListFile {
    struct Tensor {
        var key: String
        var shape: [Int]
        var dtype: String
        var byteSize: Int
    }

    var tensors: [Tensor] = []
    var metadata: [(String, String)] = []

    static let byteSizes = ["F32": 4, "F16": 2, "BF16": 2, "I64": 8, "U8": 1]

    /// The tensors of `bytes`, with at most `maxBytes` of data in all: a tensor past that keeps its key with shape [1].
    init(_ bytes: UnsafeBufferPointer<UInt8>, maxBytes: Int) {
        var seen: Set<String> = ["__metadata__"]
        var total = 0
        var start = 0
        while start < bytes.count, tensors.count + metadata.count < 4096 {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            start = end + 1
            if line.isEmpty { continue }
            if line[0] == 0x23 {
                let eq = line.firstIndex(of: 0x3D) ?? line.count
                let name = String(decoding: UnsafeBufferPointer(rebasing: line[1..<max(1, eq)]), as: UTF8.self)
                guard !metadata.contains(where: { $0.0 == name }) else { continue }
                metadata.append((name, eq < line.count ? String(decoding: UnsafeBufferPointer(rebasing: line[(eq + 1)...]), as: UTF8.self) : ""))
                continue
            }
            // KEY [TAB SHAPE [TAB DTYPE]]
            let tab1 = line.firstIndex(of: 0x09)
            let key = String(decoding: UnsafeBufferPointer(rebasing: line[..<(tab1 ?? line.count)]), as: UTF8.self)
            guard seen.insert(key).inserted else { continue }
            var shape = [1]
            var dtype = "F32"
            if let tab1 {
                let rest = UnsafeBufferPointer(rebasing: line[(tab1 + 1)...])
                let tab2 = rest.firstIndex(of: 0x09)
                shape = []
                var n = 0, digits = false
                for b in rest[..<(tab2 ?? rest.count)] {
                    if b == 0x2C {
                        if digits { shape.append(n) }
                        n = 0; digits = false
                    } else if (0x30...0x39).contains(b) {
                        n = min(n * 10 + Int(b - 0x30), 1 << 20); digits = true
                    }
                }
                if digits { shape.append(n) }
                if let tab2 { dtype = String(decoding: UnsafeBufferPointer(rebasing: rest[(tab2 + 1)...]), as: UTF8.self) }
            }
            if Self.byteSizes[dtype] == nil { dtype = "F32" }
            var size = Self.byteSizes[dtype]!
            for d in shape { size = size.multipliedReportingOverflow(by: d).overflow ? Int.max : size * d }
            if size > maxBytes - total { shape = [1]; size = Self.byteSizes[dtype]! }
            total += size
            tensors.append(Tensor(key: key, shape: shape, dtype: dtype, byteSize: size))
        }
    }

    /// The header JSON, tensors in list order, data packed in that order.
    var header: String {
        var members: [String] = []
        if !metadata.isEmpty {
            members.append(Self.quote("__metadata__") + ":{" + metadata.map { Self.quote($0.0) + ":" + Self.quote($0.1) }.joined(separator: ",") + "}")
        }
        var offset = 0
        for t in tensors {
            let shape = t.shape.map(String.init).joined(separator: ",")
            members.append("\(Self.quote(t.key)):{\"dtype\":\"\(t.dtype)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + t.byteSize)]}")
            offset += t.byteSize
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    var dataSize: Int { tensors.reduce(0) { $0 + $1.byteSize } }

    /// Writes the file at `path` (replacing it): the length, the header, then zeros by extending the file.
    func write(to path: String) {
        let json = Array(header.utf8)
        var bytes = withUnsafeBytes(of: UInt64(json.count).littleEndian) { Array($0) }
        bytes += json
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { fatalError("cannot write the fuzz file \(path)") }
        defer { close(fd) }
        guard bytes.withUnsafeBytes({ Glibc.write(fd, $0.baseAddress!, $0.count) }) == bytes.count,
              ftruncate(fd, off_t(bytes.count + dataSize)) == 0 else { fatalError("cannot write the fuzz file \(path)") }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{0}"..."\u{1F}": out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A file of this process's own in the fastest temporary folder there is.
    static func scratchPath(_ name: String) -> String {
        let folder = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        return "\(folder)/storyreel-fuzz-\(name)-\(getpid()).safetensors"
    }
}
