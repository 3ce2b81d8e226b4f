import SD

/// libFuzzer entry: any bytes as a safetensors file give a header or one SDError, never a crash or hang; every
/// entry of a header that parses lies inside the data section, does not overlap another, and has a size that
/// matches its dtype and shape.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    check(input)
    // Again with the header length rewritten to cover everything after it: a mutation that inserts or
    // removes header bytes would otherwise only ever meet the length check, never the JSON parser.
    guard size >= 8 else { return 0 }
    var rewritten = Array(input)
    for i in 0..<8 { rewritten[i] = UInt8(truncatingIfNeeded: UInt64(size - 8) >> (8 * i)) }
    rewritten.withUnsafeBytes { check($0) }
    return 0
}

/// Parses `bytes` as a whole file and checks what an accepted header promises.
private func check(_ bytes: UnsafeRawBufferPointer) {
    let size = bytes.count
    guard let header = try? SafeTensorsFile.parseHeader(bytes, fileSize: size) else { return }
    let dataSize = size - header.dataOffset
    guard header.dataOffset >= 8, dataSize >= 0 else { fatalError("data offset \(header.dataOffset) outside a \(size)-byte file") }
    let ranges = header.entries.values.map(\.byteRange).sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
    for (previous, next) in zip(ranges, ranges.dropFirst()) where next.lowerBound < previous.upperBound {
        fatalError("overlapping tensors \(previous) and \(next) were accepted")
    }
    for entry in header.entries.values {
        guard entry.byteRange.lowerBound >= 0, entry.byteRange.upperBound <= dataSize else {
            fatalError("tensor \(entry.name) at \(entry.byteRange) outside the \(dataSize)-byte data section")
        }
        if let dtype = entry.dtype, entry.byteRange.count != entry.elementCount * dtype.byteSize {
            fatalError("tensor \(entry.name) holds \(entry.byteRange.count) bytes for \(entry.elementCount) elements of \(dtype)")
        }
    }
}
