/// Reads text chunks straight from PNG bytes without libpng and without inflating pixels, for quick
/// "is this file up to date" checks against its provenance text.
public enum PNGChunkReader {
    private static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

    /// The tEXt and uncompressed iTXt chunks in file order; zTXt and compressed iTXt are skipped.
    /// Checks the signature, every chunk's length and CRC-32, that IHDR comes first and that IEND ends the file.
    /// With `stopAtImageData`, reading ends at the first IDAT: `bytes` may then be just the file's head (text chunks
    /// come before the pixels in the files we write), for checks that must not read whole files.
    public static func textChunks(_ bytes: [UInt8], stopAtImageData: Bool = false) throws(PNGError) -> [PNGTextChunk] {
        guard bytes.count >= 8, bytes.prefix(8).elementsEqual(signature) else {
            throw PNGError("not a PNG: the first 8 bytes are not the PNG signature")
        }
        var chunks: [PNGTextChunk] = []
        var offset = 8
        var index = 0
        while true {
            guard bytes.count - offset >= 12 else {
                throw PNGError("truncated: chunk \(index) at byte \(offset) needs 12 bytes of header and CRC, "
                    + "\(bytes.count - offset) left (no IEND chunk)")
            }
            let length = Int(readUInt32(bytes, at: offset))
            let typeBytes = bytes[(offset + 4)..<(offset + 8)]
            let type = String(decoding: typeBytes, as: UTF8.self)
            guard typeBytes.allSatisfy({ (65...90).contains($0) || (97...122).contains($0) }) else {
                throw PNGError("chunk \(index) at byte \(offset) has a type that is not 4 ASCII letters")
            }
            guard length <= Int(Int32.max) else {
                throw PNGError("chunk \(type) at byte \(offset) declares length \(length); expected at most 2^31-1")
            }
            if stopAtImageData && type == "IDAT" { return chunks }
            guard length <= bytes.count - offset - 12 else {
                throw PNGError("truncated: chunk \(type) at byte \(offset) declares \(length) data bytes, "
                    + "only \(bytes.count - offset - 12) remain")
            }
            let dataStart = offset + 8
            let dataEnd = dataStart + length
            let stored = readUInt32(bytes, at: dataEnd)
            let computed = CRC32.checksum(bytes[(offset + 4)..<dataEnd])
            guard stored == computed else {
                throw PNGError("chunk \(type) at byte \(offset) has CRC 0x\(hex(stored)); its data gives 0x\(hex(computed))")
            }
            if index == 0, type != "IHDR" {
                throw PNGError("first chunk is \(type); expected IHDR")
            }
            let data = bytes[dataStart..<dataEnd]
            switch type {
            case "tEXt": chunks.append(try textChunk(data, at: offset))
            case "iTXt":
                if let chunk = try internationalTextChunk(data, at: offset) { chunks.append(chunk) }
            case "IEND": return chunks
            case "IDAT" where stopAtImageData: return chunks
            default: break
            }
            offset = dataEnd + 4
            index += 1
        }
    }

    /// tEXt: keyword, NUL, Latin-1 text.
    private static func textChunk(_ data: ArraySlice<UInt8>, at offset: Int) throws(PNGError) -> PNGTextChunk {
        guard let separator = data.firstIndex(of: 0) else {
            throw PNGError("tEXt chunk at byte \(offset) has no NUL after its keyword")
        }
        let keyword = try keyword(data[data.startIndex..<separator], chunk: "tEXt", at: offset)
        let text = PNGTextRules.latin1String(data[(separator + 1)...])
        return PNGTextChunk(keyword: keyword, text: text, kind: .text)
    }

    /// iTXt: keyword, NUL, compression flag, method, language tag, NUL, translated keyword, NUL, UTF-8 text.
    /// Returns nil for compressed text, which would need inflating.
    private static func internationalTextChunk(
        _ data: ArraySlice<UInt8>, at offset: Int
    ) throws(PNGError) -> PNGTextChunk? {
        guard let separator = data.firstIndex(of: 0) else {
            throw PNGError("iTXt chunk at byte \(offset) has no NUL after its keyword")
        }
        let keyword = try keyword(data[data.startIndex..<separator], chunk: "iTXt", at: offset)
        let flagIndex = separator + 1
        guard data.endIndex - flagIndex >= 2 else {
            throw PNGError("iTXt chunk at byte \(offset) ends before its compression flag and method")
        }
        let compressed = data[flagIndex]
        guard compressed <= 1, data[flagIndex + 1] == 0 else {
            throw PNGError("iTXt chunk at byte \(offset) has compression flag \(compressed) and method "
                + "\(data[flagIndex + 1]); expected flag 0 or 1 and method 0")
        }
        let afterMethod = flagIndex + 2
        guard let languageEnd = data[afterMethod...].firstIndex(of: 0),
              let translatedEnd = data[(languageEnd + 1)...].firstIndex(of: 0) else {
            throw PNGError("iTXt chunk at byte \(offset) lacks the NULs ending its language tag and translated keyword")
        }
        if compressed == 1 { return nil }
        guard let text = String(validating: data[(translatedEnd + 1)...], as: UTF8.self) else {
            throw PNGError("iTXt chunk \"\(keyword)\" at byte \(offset) holds text that is not valid UTF-8")
        }
        return PNGTextChunk(keyword: keyword, text: text, kind: .internationalText)
    }

    private static func keyword(
        _ bytes: ArraySlice<UInt8>, chunk: String, at offset: Int
    ) throws(PNGError) -> String {
        guard (1...79).contains(bytes.count) else {
            throw PNGError("\(chunk) chunk at byte \(offset) has a \(bytes.count)-byte keyword; expected 1 to 79")
        }
        return PNGTextRules.latin1String(bytes)
    }

    private static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
