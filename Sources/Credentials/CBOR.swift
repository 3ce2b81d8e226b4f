/// A CBOR data item (RFC 8949), only what C2PA manifests need, encoded with definite lengths and the shortest
/// argument form, so equal values always give equal bytes.
public indirect enum CBOR: Equatable, Sendable {
    case unsigned(UInt64)
    case negative(Int64)
    case bytes([UInt8])
    case text(String)
    case array([CBOR])
    /// A map in the order given: C2PA hashes the bytes as written, so the order is the writer's to fix.
    case map([(CBOR, CBOR)])
    case tagged(UInt64, CBOR)
    case bool(Bool)
    case null

    /// An integer, as unsigned or negative.
    public static func int(_ value: Int) -> CBOR {
        value >= 0 ? .unsigned(UInt64(value)) : .negative(Int64(value))
    }

    /// A map with text keys.
    public static func object(_ members: [(String, CBOR)]) -> CBOR {
        .map(members.map { (.text($0.0), $0.1) })
    }

    /// The encoded bytes.
    public var encoded: [UInt8] {
        var out: [UInt8] = []
        encode(into: &out)
        return out
    }

    func encode(into out: inout [UInt8]) {
        switch self {
        case .unsigned(let v): Self.head(0, v, into: &out)
        case .negative(let v): Self.head(1, UInt64(-1 - v), into: &out)
        case .bytes(let b):
            Self.head(2, UInt64(b.count), into: &out)
            out += b
        case .text(let s):
            let utf8 = Array(s.utf8)
            Self.head(3, UInt64(utf8.count), into: &out)
            out += utf8
        case .array(let items):
            Self.head(4, UInt64(items.count), into: &out)
            for item in items { item.encode(into: &out) }
        case .map(let members):
            Self.head(5, UInt64(members.count), into: &out)
            for (key, value) in members {
                key.encode(into: &out)
                value.encode(into: &out)
            }
        case .tagged(let tag, let item):
            Self.head(6, tag, into: &out)
            item.encode(into: &out)
        case .bool(let b): out.append(b ? 0xF5 : 0xF4)
        case .null: out.append(0xF6)
        }
    }

    /// Major type and argument in the shortest form.
    static func head(_ major: UInt8, _ value: UInt64, into out: inout [UInt8]) {
        let m = major << 5
        switch value {
        case 0..<24: out.append(m | UInt8(value))
        case 24...0xFF: out += [m | 24, UInt8(value)]
        case 0x100...0xFFFF: out += [m | 25] + bigEndian(value, 2)
        case 0x1_0000...0xFFFF_FFFF: out += [m | 26] + bigEndian(value, 4)
        default: out += [m | 27] + bigEndian(value, 8)
        }
    }

    static func bigEndian(_ value: UInt64, _ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64(count - 1 - $0))) }
    }

    public static func == (a: CBOR, b: CBOR) -> Bool { a.encoded == b.encoded }
}

extension CBOR {
    /// The big-endian unsigned integer in `bytes` (at most 8).
    static func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
