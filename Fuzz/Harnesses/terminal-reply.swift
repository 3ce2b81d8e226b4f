import Terminal

/// libFuzzer entry: any bytes as a terminal's replies to the start-up queries give capabilities, never a crash
/// or a hang, and whatever is reported stays within the parser's own bounds, comes from a reply that says it
/// (kitty graphics, iTerm2/WezTerm XTVERSION), is recognised whatever follows it, and is still shown by more bytes.
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
    checkGraphicsReplies(bytes, capabilities)
    checkPrefixes(bytes)
    return 0
}

/// kitty graphics (`ESC _ G…;OK ESC \`) and XTVERSION (`ESC P >|name ESC \`, how iTerm2 and WezTerm name
/// themselves): what the parser reports comes from such a reply, and one that comes whole is recognised whatever
/// follows it.
func checkGraphicsReplies(_ bytes: [UInt8], _ capabilities: TerminalCapabilities) {
    if capabilities.kitty, !(contains(bytes, [0x1B, 0x5F, 0x47]) && contains(bytes, Array("i=\(TerminalProbe.kittyQueryID)".utf8))
                              && contains(bytes, Array(";OK".utf8))) {
        fatalError("kitty graphics reported without a kitty reply to our query")
    }
    if let version = capabilities.version {
        if !contains(bytes, [0x1B, 0x50, 0x3E, 0x7C]) { fatalError("a version without an XTVERSION reply") }
        if version.unicodeScalars.count > 254 { fatalError("a version of \(version.unicodeScalars.count) characters kept") }
    }
    if capabilities.iterm2, !(capabilities.version.map { $0.hasPrefix("iTerm2") || $0.hasPrefix("WezTerm") } ?? false)
        && !contains(bytes, Array(">|iTerm2".utf8)) && !contains(bytes, Array(">|WezTerm".utf8)) {
        fatalError("iTerm2 images reported without iTerm2 or WezTerm naming itself")
    }
    let st: [UInt8] = [0x1B, 0x5C]
    let name = Array(bytes.filter { $0 != 0x1B }.prefix(200))
    let replies: [(String, [UInt8], (TerminalCapabilities) -> Bool)] = [
        ("kitty OK", [0x1B, 0x5F, 0x47] + Array("i=\(TerminalProbe.kittyQueryID),s=1;OK".utf8) + st, { $0.kitty }),
        ("kitty OK, id last", [0x1B, 0x5F, 0x47] + Array("q=0,i=\(TerminalProbe.kittyQueryID);OK".utf8) + st, { $0.kitty }),
        ("iTerm2 XTVERSION", [0x1B, 0x50, 0x3E, 0x7C] + Array("iTerm2 ".utf8) + name + st, { $0.iterm2 }),
        ("WezTerm XTVERSION", [0x1B, 0x50, 0x3E, 0x7C] + Array("WezTerm ".utf8) + name + st, { $0.iterm2 }),
        ("a DA1 with sixel", Array("\u{1B}[?62;4c".utf8), { $0.answered && $0.sixel }),
    ]
    for (what, reply, holds) in replies {
        var after = TerminalCapabilities()
        ReplyParser.parse(reply + bytes, into: &after)
        if !holds(after) { fatalError("\(what) first, then other bytes, was not recognised") }
    }
    // Another program's image reply, or an error to ours, says nothing.
    var other = TerminalCapabilities()
    ReplyParser.parse([0x1B, 0x5F, 0x47] + Array("i=\(TerminalProbe.kittyQueryID + 1);OK".utf8) + st
                      + [0x1B, 0x5F, 0x47] + Array("i=\(TerminalProbe.kittyQueryID);ENOENT:".utf8) + name + st, into: &other)
    if other.kitty { fatalError("kitty graphics from a reply that is not an OK to our query") }
}

/// Replies only add: whatever a prefix of the bytes shows (answered, sixel, kitty, iTerm2, the DA1 count the probe
/// waits for) the whole still shows, as the probe reads more.
func checkPrefixes(_ bytes: [UInt8]) {
    var whole = TerminalCapabilities()
    ReplyParser.parse(bytes, into: &whole)
    let replies = ReplyParser.deviceAttributeReplies(in: bytes)
    for k in 1...8 {
        let prefix = Array(bytes.prefix(bytes.count * k / 9))
        var part = TerminalCapabilities()
        ReplyParser.parse(prefix, into: &part)
        if (part.answered && !whole.answered) || (part.sixel && !whole.sixel) || (part.kitty && !whole.kitty) || (part.iterm2 && !whole.iterm2)
            || ReplyParser.deviceAttributeReplies(in: prefix) > replies {
            fatalError("the first \(prefix.count) bytes show what all \(bytes.count) do not")
        }
    }
}

func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= bytes.count else { return false }
    return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
}
