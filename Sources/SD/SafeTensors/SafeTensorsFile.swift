#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A safetensors file open for reading: the header is parsed and checked on open, and tensors are read with pread
/// and converted to `Float` on request. Immutable after init, so it is safe to share across threads.
///
/// Not memory-mapped: a mapped file that a sync client or a second download truncates kills the process with
/// SIGBUS on the next touch of a lost page. pread returns short instead, and every read checks the file's size and
/// modification time against those at open, so a file changed underneath fails with "model file changed while in
/// use: PATH" rather than a crash or weights mixed from two versions.
public final class SafeTensorsFile: @unchecked Sendable {
    public let path: String
    public let entries: [String: TensorEntry]
    public let metadata: [String: String]

    private let fd: Int32
    private let dataOffset: Int
    /// The file as opened; every read checks it still is.
    private let identity: FileIdentity

    /// Opens the file at `path` and checks its header; a folder, FIFO or malformed file is an `SDError`.
    public init(path: String) throws {
        self.path = path
        // O_NONBLOCK so opening a FIFO cannot hang waiting for a writer; fstat then refuses it.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw SDError("\(path): cannot open the safetensors file: \(Self.describe(errno: errno))") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw SDError("\(path): cannot inspect the safetensors file: \(Self.describe(errno: errno))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw SDError("\(path): is \(Self.describe(fileType: info.st_mode & S_IFMT)), expected a regular safetensors file")
        }
        let size = Int(info.st_size)
        let identity = FileIdentity(info)
        do {
            // The length field, then the header it announces; a length over the limit is left to the parser to
            // refuse from the field alone, before anything that size is read.
            var field = [UInt8](repeating: 0, count: min(size, SafeTensorsHeader.lengthFieldSize))
            try field.withUnsafeMutableBytes { try Self.read(fd, path, identity, into: $0, at: 0) }
            var header = field
            let length = field.count == SafeTensorsHeader.lengthFieldSize
                ? field.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) } : UInt64.max
            if length <= UInt64(SafeTensorsHeader.maxLength) {
                header = [UInt8](repeating: 0, count: Int(min(UInt64(size), UInt64(SafeTensorsHeader.lengthFieldSize) + length)))
                try header.withUnsafeMutableBytes { try Self.read(fd, path, identity, into: $0, at: 0) }
            }
            (entries, metadata, dataOffset) = try header.withUnsafeBytes {
                try SafeTensorsHeader.parse($0, fileSize: size, source: path)
            }
        } catch {
            close(fd)
            throw error
        }
        self.fd = fd
        self.identity = identity
    }

    deinit {
        close(fd)
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
        // The header check guarantees the range lies within the data section (of the file as opened).
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: entry.byteRange.count, alignment: 16)
        defer { bytes.deallocate() }
        try Self.read(fd, path, identity, into: bytes, at: dataOffset + entry.byteRange.lowerBound)
        return TensorConversion.floats(UnsafeRawBufferPointer(bytes), as: dtype)
    }

    /// Fills `buffer` from `offset` of `fd`, checking the file is still `identity` before and after; a short read
    /// means it shrank.
    private static func read(_ fd: Int32, _ path: String, _ identity: FileIdentity, into buffer: UnsafeMutableRawBufferPointer,
                             at offset: Int) throws(SDError) {
        try checkUnchanged(fd, path, identity)
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw SDError("\(path): cannot read the safetensors file: \(describe(errno: errno))") }
            if n == 0 { throw SDError("model file changed while in use: \(path) (it ended at byte \(offset + done), expected \(offset + buffer.count))") }
            done += n
        }
        try checkUnchanged(fd, path, identity)
    }

    private static func checkUnchanged(_ fd: Int32, _ path: String, _ identity: FileIdentity) throws(SDError) {
        var info = stat()
        guard fstat(fd, &info) == 0, FileIdentity(info) == identity else {
            throw SDError("model file changed while in use: \(path) (its size or modification time is not what it was when opened)")
        }
    }

    /// The tensor `name` as floats, after checking it has exactly `shape`.
    public func floats(_ name: String, shape: [Int]) throws -> [Float] {
        if let entry = entries[name], entry.shape != shape {
            throw SDError("\(path): tensor \(name.quotedForMessage) has shape \(entry.shape), expected \(shape)")
        }
        return try floats(name)
    }

    /// The tensor `name` after checking it has exactly `shape`: F16 and BF16 as their bit patterns (read, not
    /// expanded), F32 as floats.
    public func values(_ name: String, shape: [Int]) throws -> WeightValues {
        guard let entry = entries[name], let dtype = entry.dtype, dtype != .f32 else {
            return .float(try floats(name, shape: shape))
        }
        if entry.shape != shape {
            throw SDError("\(path): tensor \(name.quotedForMessage) has shape \(entry.shape), expected \(shape)")
        }
        let start = dataOffset + entry.byteRange.lowerBound, count = entry.byteRange.count / 2
        var bits = [UInt16](repeating: 0, count: count)
        if count > 0 {
            try bits.withUnsafeMutableBytes { raw in try Self.read(fd, path, identity, into: raw, at: start) }
        }
        #if _endian(big)
        for i in 0..<count { bits[i] = UInt16(littleEndian: bits[i]) }
        #endif
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
