import Digest
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// Identifies a set of weight files without hashing gigabytes on every start: SHA-256 over each file's size,
/// its safetensors header (every name, dtype, shape and offset) and 4 KB sampled from every 16 MB of data.
enum WeightFingerprint {
    static func of(_ paths: [String]) throws -> String {
        var h = SHA256()
        for path in paths {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw SDError("cannot open \(path) to fingerprint it") }
            defer { close(fd) }
            var info = stat()
            fstat(fd, &info)
            let size = Int(info.st_size)
            h.update("\(path.split(separator: "/").suffix(2).joined(separator: "/"))\n\(size)\n")
            var lengthBytes = [UInt8](repeating: 0, count: 8)
            guard lengthBytes.withUnsafeMutableBytes({ pread(fd, $0.baseAddress!, 8, 0) }) == 8 else {
                throw SDError("\(path) is shorter than a safetensors header")
            }
            let headerLength = lengthBytes.reversed().reduce(0) { $0 << 8 | Int($1) }
            let headerEnd = min(size, 8 + min(headerLength, 100 << 20))
            var block = [UInt8](repeating: 0, count: 1 << 16)
            var offset = 0
            while offset < headerEnd {  // the whole header
                let n = block.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, min(1 << 16, headerEnd - offset), off_t(offset)) }
                guard n > 0 else { break }
                h.update(block[0..<n])
                offset += n
            }
            offset = headerEnd
            while offset < size {  // 4 KB of every 16 MB of data
                let n = block.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, min(4096, size - offset), off_t(offset)) }
                if n > 0 { h.update(block[0..<n]) }
                offset += 16 << 20
            }
        }
        return SHA256.hex(h.finalize())
    }
}
