@testable import Imaging

/// The pixel formulas documented in scripts/png_peer.py, computed independently here.
enum Formulas {
    static func s8(_ x: Int, _ y: Int, _ c: Int) -> UInt8 { UInt8((37 * x + 91 * y + 53 * c + x * y) % 256) }
    static func s16(_ x: Int, _ y: Int, _ c: Int) -> Int { (7919 * x + 104729 * y + 12345 * c + 31 * x * y) % 65536 }
    static func high(_ x: Int, _ y: Int, _ c: Int) -> UInt8 { UInt8(s16(x, y, c) >> 8) }

    static func palette(_ k: Int) -> [UInt8] {
        [UInt8((29 * k + 7) % 256), UInt8((53 * k + 11) % 256), UInt8((97 * k + 13) % 256)]
    }

    /// The RGBA8 pixel a decoder must produce at (x, y) for a peer file of `kind`.
    static func expectedPixel(kind: String, x: Int, y: Int) -> [UInt8] {
        switch kind {
        case "gray8":
            let v = s8(x, y, 0)
            return [v, v, v, 255]
        case "gray16":
            let v = high(x, y, 0)
            return [v, v, v, 255]
        case "gray4":
            let v = UInt8((x + 2 * y) % 16 * 17)
            return [v, v, v, 255]
        case "gray8-trns":
            let v = s8(x, y, 0)
            return [v, v, v, v == s8(1, 1, 0) ? 0 : 255]
        case "gray-alpha8":
            let v = s8(x, y, 0)
            return [v, v, v, s8(x, y, 3)]
        case "gray-alpha16":
            let v = high(x, y, 0)
            return [v, v, v, high(x, y, 3)]
        case "palette8-trns":
            let k = (x + 3 * y) % 256
            return palette(k) + [k < 128 ? UInt8((71 * k + 5) % 256) : 255]
        case "palette2": return palette((x + 3 * y) % 4) + [255]
        case "rgb8", "rgb8-adam7": return [s8(x, y, 0), s8(x, y, 1), s8(x, y, 2), 255]
        case "rgb16": return [high(x, y, 0), high(x, y, 1), high(x, y, 2), 255]
        case "rgb8-trns":
            let rgb = [s8(x, y, 0), s8(x, y, 1), s8(x, y, 2)]
            return rgb + [rgb == [s8(2, 1, 0), s8(2, 1, 1), s8(2, 1, 2)] ? 0 : 255]
        case "rgba8": return [s8(x, y, 0), s8(x, y, 1), s8(x, y, 2), s8(x, y, 3)]
        case "rgba16": return [high(x, y, 0), high(x, y, 1), high(x, y, 2), high(x, y, 3)]
        default: return []
        }
    }

    static func expectedFrame(kind: String, width: Int, height: Int) -> [UInt8] {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width { pixels += expectedPixel(kind: kind, x: x, y: y) }
        }
        return pixels
    }

    /// A test frame whose pixels come from a SplitMix64-style hash, translucent unless `opaque`.
    static func frame(width: Int, height: Int, opaque: Bool, seed: UInt64 = 1) -> Frame {
        var state = seed
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for index in pixels.indices {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            pixels[index] = UInt8(truncatingIfNeeded: z ^ (z >> 31))
            if opaque && index % 4 == 3 { pixels[index] = 255 }
        }
        return Frame(width: width, height: height, pixels: pixels)
    }

    /// Bitwise CRC-32 (no table), independent of the module's table-driven one.
    static func crc32(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// One chunk: length, type, data, CRC.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    /// (type, offset of the chunk, offset of its data, data length) for every chunk of a well-formed PNG.
    static func chunks(_ bytes: [UInt8]) -> [(type: String, start: Int, data: Int, length: Int)] {
        var result: [(String, Int, Int, Int)] = []
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8
                | Int(bytes[offset + 3])
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            result.append((type, offset, offset + 8, length))
            offset += 12 + length
        }
        return result
    }

    /// Recomputes the CRC of the chunk starting at `start`, after its data was altered on purpose.
    static func fixCRC(_ bytes: inout [UInt8], chunkAt start: Int, length: Int) {
        let crc = bigEndian(crc32(bytes[(start + 4)..<(start + 8 + length)]))
        bytes.replaceSubrange((start + 8 + length)..<(start + 12 + length), with: crc)
    }
}

extension Formulas {
    /// nil when equal; otherwise where the first pixel differs, so failures stay readable on large images.
    static func difference(_ actual: [UInt8], _ expected: [UInt8], width: Int) -> String? {
        guard actual.count == expected.count else { return "\(actual.count) bytes, expected \(expected.count)" }
        guard let index = actual.indices.first(where: { actual[$0] != expected[$0] }) else { return nil }
        let pixel = index / 4
        let start = pixel * 4
        return "pixel (\(pixel % width), \(pixel / width)) is \(Array(actual[start..<(start + 4)])), "
            + "expected \(Array(expected[start..<(start + 4)]))"
    }
}
