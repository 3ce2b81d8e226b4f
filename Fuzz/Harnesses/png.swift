import Imaging

/// libFuzzer entry: the PNG decoder and the chunk walker must throw on bad input, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? PNGDecoder.decode(bytes, maxPixels: 1 << 16)
    _ = try? PNGChunkReader.textChunks(bytes)
    return 0
}
