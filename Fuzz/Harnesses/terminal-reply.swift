import Terminal

/// libFuzzer entry: any bytes as a terminal's replies to the start-up queries give capabilities, never a crash
/// or a hang, and whatever is reported stays within the parser's own bounds.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTerminalReply(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var capabilities = TerminalCapabilities()
    ReplyParser.parse(bytes, into: &capabilities)
    if let registers = capabilities.colourRegisters, !(1...65_536).contains(registers) {
        fatalError("colour registers \(registers) out of range")
    }
    if let cell = capabilities.cellSize, !(1..<1000).contains(cell.width) || !(1..<1000).contains(cell.height) {
        fatalError("cell size \(cell) out of range")
    }
    if let graphics = capabilities.maxGraphicsSize, graphics.width <= 0 || graphics.height <= 0 {
        fatalError("graphics size \(graphics) not positive")
    }
    // Parsing the same replies again on top changes nothing: every reply only sets values.
    var again = capabilities
    ReplyParser.parse(bytes, into: &again)
    if again != capabilities { fatalError("parsing the replies twice changed the capabilities") }
    _ = capabilities.bestMode
    return 0
}
