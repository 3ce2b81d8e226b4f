/// Embeds a manifest store in an MP4 (ISO BMFF) as the C2PA `uuid` box right after `ftyp`, bound by a
/// `c2pa.hash.bmff.v2` hash: every top-level box except `ftyp`, the C2PA box and `mfra`, each preceded in the hash
/// by its 8-byte big-endian file offset. Chunk offsets (`stco`, `co64`) are moved by the inserted box's size.
public enum MP4Credentials {
    /// The user type C2PA registers for its `uuid` box.
    public static let boxUUID: [UInt8] = [0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C,
                                         0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81]
    /// Box header, user type, version and flags, "manifest\0", the 64-bit offset of the first merkle box (none: 0).
    static let prefixSize = 8 + 16 + 4 + 9 + 8

    /// `mp4` with `content`'s signed credentials in it.
    public static func embed(_ mp4: [UInt8], content: CredentialContent, identity: SigningIdentity) throws(CredentialError) -> [UInt8] {
        let boxes = try topLevelBoxes(mp4)
        guard let ftyp = boxes.first, ftyp.type == "ftyp" else { throw CredentialError("not an MP4: it does not start with ftyp") }
        guard !boxes.contains(where: { $0.type == "uuid" && isC2PA(mp4, $0) }) else {
            throw CredentialError("the MP4 already holds Content Credentials")
        }
        let exclusions: CBOR = .array([
            .object([("xpath", .text("/uuid")), ("data", .array([.object([("offset", .int(8)), ("value", .bytes(boxUUID))])]))]),
            .object([("xpath", .text("/ftyp"))]),
            .object([("xpath", .text("/mfra"))]),
        ])
        func binding(_ hash: [UInt8]) -> (label: String, value: CBOR) {
            ("c2pa.hash.bmff.v2", .object([("exclusions", exclusions), ("alg", .text("sha256")), ("hash", .bytes(hash)),
                                           ("name", .text("jumbf manifest"))]))
        }
        // The BMFF hash names boxes, not byte offsets, so the store's size is known before the hash is: one pass
        // over the file suffices, however large the animatic.
        let size = prefixSize + (try ManifestBuilder.store(content, binding: binding([UInt8](repeating: 0, count: 32)),
                                                           identity: identity)).count
        var shifted = mp4
        try shiftChunkOffsets(&shifted, boxes: boxes, by: size)
        let hasher = try FileHash()
        for box in boxes where box.type != "ftyp" && box.type != "mfra" {
            hasher.update(CBOR.bigEndian(UInt64(box.offset + size), 8))
            hasher.update(shifted[box.offset..<(box.offset + box.size)])
        }
        let store = try ManifestBuilder.store(content, binding: binding(hasher.finish()), identity: identity)
        guard prefixSize + store.count == size else { throw CredentialError("the manifest size changed between passes") }
        let box = CBOR.bigEndian(UInt64(size), 4) + Array("uuid".utf8) + boxUUID + [0, 0, 0, 0] + Array("manifest".utf8) + [0]
            + [UInt8](repeating: 0, count: 8) + store
        let insertAt = ftyp.offset + ftyp.size
        return Array(shifted[..<insertAt]) + box + Array(shifted[insertAt...])
    }

    /// One box: where it starts, its whole size, its type.
    struct Box { let offset: Int, size: Int, type: String, header: Int }

    /// The boxes in `bytes[range]`, in order.
    static func boxes(_ bytes: [UInt8], in range: Range<Int>) throws(CredentialError) -> [Box] {
        var out: [Box] = []
        var offset = range.lowerBound
        while offset < range.upperBound {
            guard range.upperBound - offset >= 8 else { throw CredentialError("not an MP4: a box header is cut off at byte \(offset)") }
            var size = Int(CBOR.bigEndian(bytes[offset..<(offset + 4)]))
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            var header = 8
            if size == 1 {
                guard range.upperBound - offset >= 16 else { throw CredentialError("not an MP4: a box header is cut off at byte \(offset)") }
                size = Int(CBOR.bigEndian(bytes[(offset + 8)..<(offset + 16)]))
                header = 16
            } else if size == 0 {
                size = range.upperBound - offset
            }
            guard size >= header, size <= range.upperBound - offset else {
                throw CredentialError("not an MP4: the \(type) box at byte \(offset) declares \(size) bytes")
            }
            out.append(Box(offset: offset, size: size, type: type, header: header))
            offset += size
        }
        return out
    }

    static func topLevelBoxes(_ bytes: [UInt8]) throws(CredentialError) -> [Box] {
        try boxes(bytes, in: 0..<bytes.count)
    }

    static func isC2PA(_ bytes: [UInt8], _ box: Box) -> Bool {
        box.size >= box.header + 16 && bytes[(box.offset + box.header)..<(box.offset + box.header + 16)].elementsEqual(boxUUID)
    }

    /// Adds `delta` to every chunk offset in moov/trak/mdia/minf/stbl/{stco,co64}: the media data moves that far.
    static func shiftChunkOffsets(_ bytes: inout [UInt8], boxes: [Box], by delta: Int) throws(CredentialError) {
        guard delta != 0 else { return }
        let path = ["moov", "trak", "mdia", "minf", "stbl"]
        func visit(_ box: Box, depth: Int) throws(CredentialError) {
            let content = (box.offset + box.header)..<(box.offset + box.size)
            if depth < path.count {
                for child in try Self.boxes(bytes, in: content) where child.type == (depth + 1 < path.count ? path[depth + 1] : child.type) {
                    if depth + 1 < path.count { try visit(child, depth: depth + 1) } else { try shift(child) }
                }
            }
        }
        func shift(_ box: Box) throws(CredentialError) {
            let width: Int
            switch box.type {
            case "stco": width = 4
            case "co64": width = 8
            default: return
            }
            let countAt = box.offset + box.header + 4
            guard countAt + 4 <= box.offset + box.size else { throw CredentialError("not an MP4: a \(box.type) box is cut off") }
            let count = Int(CBOR.bigEndian(bytes[countAt..<(countAt + 4)]))
            guard count <= (box.offset + box.size - countAt - 4) / width else { throw CredentialError("not an MP4: a \(box.type) box is cut off") }
            for i in 0..<count {
                let at = countAt + 4 + i * width
                let value = CBOR.bigEndian(bytes[at..<(at + width)]) + UInt64(delta)
                guard width == 8 || value <= UInt64(UInt32.max) else { throw CredentialError("the MP4 is too large for its 32-bit chunk offsets") }
                bytes.replaceSubrange(at..<(at + width), with: CBOR.bigEndian(value, width))
            }
        }
        for box in boxes where box.type == "moov" { try visit(box, depth: 0) }
    }
}
