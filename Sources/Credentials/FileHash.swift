import CStoryreelCrypto

/// SHA-256 of whole files (a PNG, an animatic) through OpenSSL: several times faster than `Digest.SHA256`, which
/// stays the hash of small things (assertions, keys).
struct FileHash: ~Copyable {
    private let context: OpaquePointer

    init() throws(CredentialError) {
        guard let context = sr_sha256_new() else { throw CredentialError("cannot start SHA-256 (out of memory)") }
        self.context = context
    }

    func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { sr_sha256_update(context, $0.baseAddress, $0.count) }
    }

    func update(_ bytes: [UInt8]) { update(bytes[...]) }

    /// The digest; the hash is used up.
    consuming func finish() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        sr_sha256_finish(context, &digest)
        discard self
        return digest
    }

    deinit { sr_sha256_finish(context, nil) }
}

extension FileHash {
    /// The SHA-256 of `bytes`.
    static func of(_ bytes: [UInt8]) throws(CredentialError) -> [UInt8] {
        let hash = try FileHash()
        hash.update(bytes)
        return hash.finish()
    }
}
