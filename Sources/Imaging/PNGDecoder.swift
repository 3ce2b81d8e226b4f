import CStoryreelPNG

/// Decodes PNG files of any colour type, bit depth and interlacing to RGBA8 frames, through libpng.
public enum PNGDecoder {
    /// Decodes PNG bytes; rejects images over 16384 pixels a side or over `maxPixels` pixels before allocating them.
    public static func decode(_ bytes: [UInt8], maxPixels: Int = 64 << 20) throws(PNGError) -> DecodedPNG {
        let errorLength = 256
        var message = [CChar](repeating: 0, count: errorLength)
        var image = sr_png_image()
        let status = bytes.withUnsafeBufferPointer { data in
            sr_png_decode(data.baseAddress, data.count, UInt64(max(0, maxPixels)), &image, &message, errorLength)
        }
        defer { sr_png_image_free(&image) }
        guard status == 0, let rgba = image.rgba, image.width > 0, image.height > 0 else {
            throw PNGError("decoding \(bytes.count) bytes failed: \(cString(message))")
        }
        let width = Int(image.width)
        let height = Int(image.height)
        let pixels = Array(UnsafeBufferPointer(start: rgba, count: width * height * 4))

        var text: [PNGTextChunk] = []
        if let entries = image.texts {
            for entry in UnsafeBufferPointer(start: entries, count: image.text_count) {
                // The shim hands back UTF-8; invalid sequences in a hostile iTXt are repaired, not fatal.
                let keyword = entry.keyword.map { String(cString: $0) } ?? ""
                let body = entry.text.map {
                    String(decoding: UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self),
                                                         count: entry.text_length), as: UTF8.self)
                } ?? ""
                text.append(PNGTextChunk(keyword: keyword, text: body, kind: swiftKind(entry.kind)))
            }
        }
        return DecodedPNG(frame: Frame(width: width, height: height, pixels: pixels), text: text)
    }

    private static func swiftKind(_ kind: sr_png_text_kind) -> PNGTextChunk.Kind {
        switch kind {
        case SR_PNG_TEXT_iTXt: .internationalText
        case SR_PNG_TEXT_zTXt: .compressedText
        default: .text
        }
    }
}
