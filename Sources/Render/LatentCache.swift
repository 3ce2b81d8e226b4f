#if canImport(Glibc)
import Glibc
#endif
import Digest
import Foundation
import Storage

/// Content-addressed latents under `<project>/.storyreel/cache/latents/ab/<key>.latent`.
///
/// Entries are written to a temporary file and renamed, so a crash leaves either a whole entry or none; each
/// entry carries its key and a SHA-256 of its contents, so a truncated, flipped or foreign file reads as a miss
/// (and is removed), never as a wrong picture. Reads touch the file's time; the oldest go first past the size cap.
public final class LatentCache: @unchecked Sendable {
    public let folder: String
    public let limitBytes: Int
    private let lock = NSLock()

    static let magic: [UInt8] = Array("SRLT".utf8)
    static let version: UInt32 = 1

    public convenience init(projectFolder: String, limitMB: Int) {
        self.init(projectFolder: projectFolder, limitBytes: limitMB << 20)
    }

    init(projectFolder: String, limitBytes: Int) {
        folder = projectFolder + "/.storyreel/cache/latents"
        self.limitBytes = limitBytes
    }

    func path(for key: RenderKey) -> String {
        let hex = key.hex
        return "\(folder)/\(hex.prefix(2))/\(hex).latent"
    }

    /// The cached latent for `key`, or nil on a miss. An entry that does not verify (damaged, or from another cache
    /// format) is deleted and reported through `onCorrupt` with its path and what is wrong with it.
    public func latent(for key: RenderKey, onCorrupt: (_ path: String, _ problem: String) -> Void = { _, _ in }) -> [Float]? {
        let path = path(for: key)
        guard let bytes = try? FileReader.read(path, limit: 1 << 30) else { return nil }
        let latent: [Float]
        switch LatentCache.read(bytes, key: key) {
        case .success(let values): latent = values
        case .failure(let problem):
            onCorrupt(path, problem.description)
            unlink(path)
            return nil
        }
        // Touch for LRU; failure (read-only folder) only costs eviction order.
        _ = utimensat(AT_FDCWD, path, nil, 0)
        return latent
    }

    /// Whether an entry for `key` is present and verifies (without touching its time).
    public func contains(_ key: RenderKey) -> Bool {
        guard let bytes = try? FileReader.read(path(for: key), limit: 1 << 30) else { return false }
        return LatentCache.decode(bytes, key: key) != nil
    }

    /// Stores a latent; evicts least recently used entries past the cap. Errors are reported, not fatal:
    /// a cache that cannot be written only costs time.
    public func store(_ latent: [Float], for key: RenderKey) throws(StorageError) {
        let path = path(for: key)
        let dir = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw StorageError(path: dir, reason: "cannot create the cache folder: \(error.localizedDescription)")
        }
        try AtomicFile.write(LatentCache.encode(latent, key: key), to: path)
        evictIfNeeded()
    }

    /// magic, version, key (32), count, little-endian floats, SHA-256 of everything before it.
    static func encode(_ latent: [Float], key: RenderKey) -> [UInt8] {
        var out = magic
        appendUInt32(version, to: &out)
        out += key.bytes
        appendUInt32(UInt32(latent.count), to: &out)
        for v in latent { appendUInt32(v.bitPattern, to: &out) }
        out += SHA256.hash(out)
        return out
    }

    /// The latent an entry holds for `key`, or nil when it does not verify.
    public static func decode(_ bytes: [UInt8], key: RenderKey) -> [Float]? {
        try? read(bytes, key: key).get()
    }

    /// Why an entry was refused, in words for a warning.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// Checks an entry field by field (magic, format, key, size, checksum) and returns its latent or what is wrong.
    static func read(_ bytes: [UInt8], key: RenderKey) -> Result<[Float], Problem> {
        let header = 4 + 4 + 32 + 4
        guard bytes.count >= 8, Array(bytes[0..<4]) == magic else {
            return .failure(Problem(description: bytes.count < 4 ? "is truncated (\(bytes.count) bytes)" : "is not a storyreel cache entry"))
        }
        let format = readUInt32(bytes, at: 4)
        guard format == version else {
            return .failure(Problem(description: "was written in cache format \(format) (this storyreel reads format \(version))"))
        }
        guard bytes.count >= header + 32 else { return .failure(Problem(description: "is truncated (\(bytes.count) bytes)")) }
        guard Array(bytes[8..<40]) == key.bytes else { return .failure(Problem(description: "holds another render's latent")) }
        let count = Int(readUInt32(bytes, at: 40))
        guard count <= (bytes.count - header - 32) / 4, bytes.count == header + count * 4 + 32 else {
            return .failure(Problem(description: "is truncated or has extra bytes (\(bytes.count) bytes for \(count) values)"))
        }
        guard SHA256.hash(bytes[0..<(header + count * 4)]) == Array(bytes[(header + count * 4)...]) else {
            return .failure(Problem(description: "fails its checksum (damaged on disk)"))
        }
        return .success((0..<count).map { Float(bitPattern: readUInt32(bytes, at: header + $0 * 4)) })
    }

    private static func appendUInt32(_ v: UInt32, to out: inout [UInt8]) {
        out += [UInt8(v & 0xff), UInt8((v >> 8) & 0xff), UInt8((v >> 16) & 0xff), UInt8(v >> 24)]
    }

    private static func readUInt32(_ b: [UInt8], at i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    /// Removes the least recently used entries until the cache is under its cap.
    public func evictIfNeeded() {
        lock.lock()
        defer { lock.unlock() }
        var entries: [(path: String, size: Int, time: Date)] = []
        let fm = FileManager.default
        guard let shards = try? fm.contentsOfDirectory(atPath: folder) else { return }
        for shard in shards {
            let dir = folder + "/" + shard
            guard let names = try? fm.contentsOfDirectory(atPath: dir) else { continue }
            for name in names where name.hasSuffix(".latent") {
                let p = dir + "/" + name
                if let a = try? fm.attributesOfItem(atPath: p), let size = a[.size] as? Int, let t = a[.modificationDate] as? Date {
                    entries.append((p, size, t))
                }
            }
        }
        var total = entries.reduce(0) { $0 + $1.size }
        guard total > limitBytes else { return }
        for e in entries.sorted(by: { $0.time < $1.time }) where total > limitBytes {
            unlink(e.path)
            total -= e.size
        }
    }
}
