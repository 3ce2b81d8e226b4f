#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A safetensors file mapped read-only into memory: the header is parsed and checked on open, and tensors are
/// converted to `Float` on request. Immutable after init, so it is safe to share across threads. The file must
/// not shrink while open: reading a mapped page past its new end would fault.
public final class SafeTensorsFile: @unchecked Sendable {
    public let path: String
    public let entries: [String: TensorEntry]
    public let metadata: [String: String]

    private let mapping: UnsafeRawBufferPointer
    private let dataOffset: Int

    /// Opens and maps the file at `path` and checks its header; a folder, FIFO or malformed file is an `SDError`.
    public init(path: String) throws {
        self.path = path
        // O_NONBLOCK so opening a FIFO cannot hang waiting for a writer; fstat then refuses it.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw SDError("\(path): cannot open the safetensors file: \(Self.describe(errno: errno))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw SDError("\(path): cannot inspect the safetensors file: \(Self.describe(errno: errno))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw SDError("\(path): is \(Self.describe(fileType: info.st_mode & S_IFMT)), expected a regular safetensors file")
        }
        let size = Int(info.st_size)
        // mmap refuses length 0, and no safetensors file is shorter than its length field.
        guard size >= SafeTensorsHeader.lengthFieldSize else {
            throw SDError("\(path): file is \(size) bytes, too short for the 8-byte header length (empty or truncated)")
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw SDError("\(path): cannot map the safetensors file (\(size) bytes) into memory: \(Self.describe(errno: errno))")
        }
        let mapping = UnsafeRawBufferPointer(start: base, count: size)
        do {
            (entries, metadata, dataOffset) = try SafeTensorsHeader.parse(mapping, fileSize: size, source: path)
        } catch {
            munmap(base, size)
            throw error
        }
        self.mapping = mapping
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: mapping.baseAddress), mapping.count)
    }

    /// Whether the file has a tensor called `name`.
    public func contains(_ name: String) -> Bool {
        entries[name] != nil
    }

    /// The tensor `name` as floats in file order, converted from F32, F16 or BF16.
    public func floats(_ name: String) throws -> [Float] {
        guard let entry = entries[name] else {
            throw SDError("\(path): no tensor \(name.quotedForMessage) (the file has \(entries.count) tensors)")
        }
        guard let dtype = entry.dtype else {
            throw SDError("\(path): tensor \(name.quotedForMessage) has dtype \(entry.dtypeName.quotedForMessage), expected F32, F16 or BF16 to read it as floats")
        }
        // The header check guarantees the range lies within the data section.
        let start = dataOffset + entry.byteRange.lowerBound
        let bytes = UnsafeRawBufferPointer(rebasing: mapping[start..<start + entry.byteRange.count])
        return TensorConversion.floats(bytes, as: dtype)
    }

    /// The tensor `name` as floats, after checking it has exactly `shape`.
    public func floats(_ name: String, shape: [Int]) throws -> [Float] {
        if let entry = entries[name], entry.shape != shape {
            throw SDError("\(path): tensor \(name.quotedForMessage) has shape \(entry.shape), expected \(shape)")
        }
        return try floats(name)
    }

    /// The tensor `name` after checking it has exactly `shape`: F16 and BF16 as their bit patterns (copied out of
    /// the mapping, not expanded), F32 as floats.
    public func values(_ name: String, shape: [Int]) throws -> WeightValues {
        guard let entry = entries[name], let dtype = entry.dtype, dtype != .f32 else {
            return .float(try floats(name, shape: shape))
        }
        if entry.shape != shape {
            throw SDError("\(path): tensor \(name.quotedForMessage) has shape \(entry.shape), expected \(shape)")
        }
        let start = dataOffset + entry.byteRange.lowerBound, count = entry.byteRange.count / 2
        let bits = [UInt16](unsafeUninitializedCapacity: count) { output, initialized in
            if count > 0 {
                UnsafeMutableRawPointer(output.baseAddress!).copyMemory(from: mapping.baseAddress! + start, byteCount: count * 2)
            }
            #if _endian(big)
            for i in 0..<count { output[i] = UInt16(littleEndian: output[i]) }
            #endif
            initialized = count
        }
        return .half(HalfFloats(format: dtype == .f16 ? .f16 : .bf16, bits: bits))
    }

    /// Parses and checks a safetensors header at the start of `bytes` without opening a file (errors name
    /// "safetensors header"); offsets in the entries are relative to `dataOffset`.
    public static func parseHeader(_ bytes: UnsafeRawBufferPointer, fileSize: Int) throws
        -> (entries: [String: TensorEntry], metadata: [String: String], dataOffset: Int)
    {
        try SafeTensorsHeader.parse(bytes, fileSize: fileSize, source: "safetensors header")
    }

    private static func describe(errno code: Int32) -> String {
        String(cString: strerror(code))
    }

    private static func describe(fileType: mode_t) -> String {
        switch fileType {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }
}
