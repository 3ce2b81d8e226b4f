import CStoryreelPNG

/// Encodes frames as PNG through libpng.
public enum PNGEncoder {
    /// Encodes a frame as an 8-bit PNG with an sRGB chunk and the given text chunks.
    /// An opaque frame is stored as RGB (no alpha bytes), any other as RGBA.
    ///
    /// The defaults suit flat storyboard art: on a 1024x576 storyboard-like frame, filter `.none` gave the
    /// smallest files at every level (flat runs and repeated rows are what deflate matches best, while any
    /// predictor turns anti-aliased edges into noise), and level 6 was ~14% smaller than level 1 for ~8 ms.
    /// Use `.adaptive` for photographic frames (e.g. from a neural model).
    public static func encode(
        _ frame: Frame, text: [PNGTextChunk] = [], compressionLevel: Int = 6, filter: PNGFilter = .none
    ) throws(PNGError) -> [UInt8] {
        guard (0...9).contains(compressionLevel) else {
            throw PNGError("compression level \(compressionLevel) is out of range; expected 0...9")
        }
        // PNG stores dimensions as 31-bit integers.
        guard frame.width <= Int(Int32.max), frame.height <= Int(Int32.max) else {
            throw PNGError("frame is \(frame.width)x\(frame.height); PNG allows at most 2^31-1 per side")
        }

        // All keyword and text bytes go into one NUL-separated buffer, so one pointer stays valid for the C call.
        var storage: [CChar] = []
        var entries: [(keyword: Int, text: Int, length: Int, kind: sr_png_text_kind)] = []
        for chunk in text {
            let keyword = try PNGTextRules.keywordBytes(chunk.keyword)
            let body = try PNGTextRules.textBytes(chunk)
            let keywordOffset = storage.count
            storage.append(contentsOf: keyword.map { CChar(bitPattern: $0) })
            storage.append(0)
            let textOffset = storage.count
            storage.append(contentsOf: body.map { CChar(bitPattern: $0) })
            storage.append(0)
            entries.append((keywordOffset, textOffset, body.count, cKind(chunk.kind)))
        }

        let errorLength = 256
        var message = [CChar](repeating: 0, count: errorLength)
        var buffer = sr_png_buffer()
        let dropAlpha: Int32 = frame.isOpaque ? 1 : 0
        let status = frame.pixels.withUnsafeBufferPointer { pixels in
            storage.withUnsafeBufferPointer { strings in
                let cTexts = entries.map { entry in
                    sr_png_text_in(
                        keyword: strings.baseAddress.map { $0 + entry.keyword },
                        text: strings.baseAddress.map { $0 + entry.text },
                        text_length: entry.length,
                        kind: entry.kind)
                }
                return cTexts.withUnsafeBufferPointer { textArray in
                    sr_png_encode(
                        pixels.baseAddress, UInt32(frame.width), UInt32(frame.height), dropAlpha,
                        textArray.baseAddress, textArray.count, Int32(compressionLevel), cFilter(filter),
                        &buffer, &message, errorLength)
                }
            }
        }
        defer { sr_png_buffer_free(&buffer) }
        guard status == 0, let data = buffer.data else {
            throw PNGError("encoding a \(frame.width)x\(frame.height) frame failed: \(cString(message))")
        }
        return Array(UnsafeBufferPointer(start: data, count: buffer.size))
    }

    private static func cKind(_ kind: PNGTextChunk.Kind) -> sr_png_text_kind {
        switch kind {
        case .text: SR_PNG_TEXT_tEXt
        case .internationalText: SR_PNG_TEXT_iTXt
        case .compressedText: SR_PNG_TEXT_zTXt
        }
    }

    private static func cFilter(_ filter: PNGFilter) -> sr_png_filter {
        switch filter {
        case .none: SR_PNG_FILTER_NONE
        case .sub: SR_PNG_FILTER_SUB
        case .up: SR_PNG_FILTER_UP
        case .average: SR_PNG_FILTER_AVERAGE
        case .paeth: SR_PNG_FILTER_PAETH
        case .adaptive: SR_PNG_FILTER_ADAPTIVE
        }
    }
}

/// A NUL-terminated C message buffer as a String (invalid UTF-8 is repaired, never trapped on).
func cString(_ buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}
