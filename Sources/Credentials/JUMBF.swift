/// JUMBF boxes (ISO/IEC 19566-5) as C2PA lays out a manifest store: superboxes (`jumb`) that open with a
/// description box (`jumd`: content-type UUID, toggles, label) and hold content boxes or further superboxes.
public enum JUMBF {
    /// Content-type UUIDs C2PA defines: four ASCII letters followed by the ISO suffix 0011-0010-8000-00AA00389B71.
    public enum ContentType: String, Sendable {
        case manifestStore = "c2pa"
        case manifest = "c2ma"
        case assertionStore = "c2as"
        case claim = "c2cl"
        case signature = "c2cs"
        case cbor = "cbor"

        public var uuid: [UInt8] {
            Array(rawValue.utf8) + [0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
        }
    }

    /// A box: 32-bit big-endian size (header included), four-letter type, payload.
    public static func box(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        CBOR.bigEndian(UInt64(payload.count + 8), 4) + Array(type.utf8) + payload
    }

    /// The payload of a superbox: its description box, then its children. C2PA's hashed URIs hash exactly this
    /// (the superbox without its own 8-byte header).
    public static func superboxPayload(_ type: ContentType, label: String, _ children: [[UInt8]]) -> [UInt8] {
        // Toggles 0x03: requestable, label present.
        let description = box("jumd", type.uuid + [0x03] + Array(label.utf8) + [0])
        return description + children.flatMap { $0 }
    }

    /// A whole superbox.
    public static func superbox(_ type: ContentType, label: String, _ children: [[UInt8]]) -> [UInt8] {
        box("jumb", superboxPayload(type, label: label, children))
    }

    /// An assertion or claim superbox holding one CBOR content box; the payload is returned too, for hashing.
    public static func cborSuperbox(_ type: ContentType, label: String, _ value: [UInt8]) -> (box: [UInt8], payload: [UInt8]) {
        let payload = superboxPayload(type, label: label, [box("cbor", value)])
        return (box("jumb", payload), payload)
    }
}
