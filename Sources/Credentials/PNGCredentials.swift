/// Embeds a manifest store in a PNG as a `caBX` chunk just before the first IDAT (after the text chunks, so quick
/// head reads of provenance text stay short), with a data hash over every other byte of the file.
public enum PNGCredentials {
    /// The chunk type C2PA assigns to PNG.
    public static let chunkType = "caBX"

    /// `png` with `content`'s signed credentials in it. Throws on a file that is not a PNG with image data.
    public static func embed(_ png: [UInt8], content: CredentialContent, identity: SigningIdentity) throws(CredentialError) -> [UInt8] {
        guard let insertAt = firstImageData(png) else { throw CredentialError("not a PNG with image data") }
        // The file minus the chunk is exactly the PNG as encoded, so its hash is known before the chunk is.
        let digest = try FileHash.of(png)
        // The exclusion length is the chunk's own size, which depends on how many bytes CBOR spends on that length;
        // a second pass settles it.
        var length = 0
        var store: [UInt8] = []
        for _ in 0..<4 {
            store = try ManifestBuilder.store(content, binding: ManifestBuilder.dataHash(digest, excluding: (insertAt, length)),
                                              identity: identity)
            if store.count + 12 == length { break }
            length = store.count + 12
        }
        guard store.count + 12 == length else { throw CredentialError("the manifest size does not settle") }
        var out: [UInt8] = []
        out.reserveCapacity(png.count + length)
        out += png[..<insertAt]
        out += chunk(store)
        out += png[insertAt...]
        return out
    }

    /// A PNG chunk: length, type, data, CRC-32 of type and data.
    static func chunk(_ data: [UInt8]) -> [UInt8] {
        let body = Array(chunkType.utf8) + data
        return CBOR.bigEndian(UInt64(data.count), 4) + body + CBOR.bigEndian(UInt64(crc32(body)), 4)
    }

    /// CRC-32 as PNG computes it (reflected polynomial 0xEDB88320). Credentials sit below Imaging, whose table is
    /// internal; one chunk per file makes the bitwise form fast enough.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        return ~crc
    }

    /// The offset of the first IDAT chunk, walking chunk headers only.
    static func firstImageData(_ png: [UInt8]) -> Int? {
        var offset = 8
        while offset + 8 <= png.count {
            let length = Int(CBOR.bigEndian(png[offset..<(offset + 4)]))
            if png[(offset + 4)..<(offset + 8)].elementsEqual("IDAT".utf8) { return offset }
            offset += 12 + length
        }
        return nil
    }

    /// Whether the PNG bytes (or just their head, up to the first IDAT) hold a `caBX` chunk.
    public static func hasCredentials(_ png: [UInt8]) -> Bool {
        var offset = 8
        while offset + 8 <= png.count {
            let type = png[(offset + 4)..<(offset + 8)]
            if type.elementsEqual(chunkType.utf8) { return true }
            if type.elementsEqual("IDAT".utf8) || type.elementsEqual("IEND".utf8) { return false }
            offset += 12 + Int(CBOR.bigEndian(png[offset..<(offset + 4)]))
        }
        return false
    }
}
