import Studio

/// libFuzzer entry: any bytes from the terminal decode to keys, never a crash or hang, and the same keys however
/// the bytes are split between reads; a terminal's reply (kitty graphics `ESC _ G…`, XTVERSION `ESC P >|…` as
/// iTerm2 and WezTerm send it, OSC 1337 and other OSC, DA1, XTSMGRAPHICS, cell size) arriving late, between keys, is
/// dropped whole: it never types a key and leaves nothing waiting.
///
/// Input: the first byte picks how the rest is cut into reads (1–16 bytes each); the rest is the byte stream, and
/// also the body of the replies.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeys(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let cut = data[0]
    let stream = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))

    var whole = KeyDecoder()
    let all = whole.feed(stream) + whole.flush()
    if whole.isWaiting && !whole.isPasting { fatalError("still waiting after a flush") }

    var pieces = KeyDecoder()
    var split: [Key] = []
    var i = 0, n = 0
    while i < stream.count {
        let length = 1 + Int((cut &+ UInt8(truncatingIfNeeded: n &* 7)) % 16)
        split += pieces.feed(Array(stream[i..<min(i + length, stream.count)]))
        i += length
        n += 1
    }
    split += pieces.flush()
    if split != all { fatalError("split into reads the bytes decode to other keys:\n\(split)\nwhole:\n\(all)") }

    for key in all {
        if case .char(let c) = key, c.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0xFFFD }) {
            fatalError("a control or replacement character typed: \(key)")
        }
    }
    checkLateReplies(stream)
    return 0
}

/// Replies with the stream's bytes (less any ESC, BEL) as their body, each fed to a decoder that has just settled
/// (all keys typed so far handled, nothing waiting), at once and split in two.
func checkLateReplies(_ stream: [UInt8]) {
    let body = Array(stream.filter { $0 != 0x1B && $0 != 0x07 }.prefix(1024))
    let params = Array(stream.filter { (0x30...0x3F).contains($0) }.prefix(48))
    let st: [UInt8] = [0x1B, 0x5C]
    let replies: [(String, [UInt8])] = [
        ("kitty graphics", [0x1B, 0x5F, 0x47] + Array("i=31;OK".utf8) + body + st),
        ("kitty graphics error", [0x1B, 0x5F, 0x47] + body + st),
        ("XTVERSION", [0x1B, 0x50, 0x3E, 0x7C] + Array("iTerm2 ".utf8) + body + st),
        ("OSC 1337", [0x1B, 0x5D] + Array("1337;ReportCellSize=".utf8) + body + [0x07]),
        ("OSC with ST", [0x1B, 0x5D] + body + st),
        ("DA1", [0x1B, 0x5B, 0x3F] + params + [0x63]),
        ("XTSMGRAPHICS", [0x1B, 0x5B, 0x3F] + params + [0x53]),
        ("cell size", [0x1B, 0x5B, 0x36, 0x3B] + params.filter { $0 <= 0x3B } + [0x74]),
    ]
    // A decoder that has seen keys and settled: the stream, flushed, then a plain key.
    var settled = KeyDecoder()
    _ = settled.feed(stream)
    _ = settled.flush()
    _ = settled.feed([0x61])
    guard !settled.isWaiting else { return }  // an open paste: replies in it are pasted text
    for (name, reply) in replies {
        var once = settled
        let keys = once.feed(reply)
        if !keys.isEmpty || once.isWaiting { fatalError("a late \(name) reply typed \(keys) (waiting: \(once.isWaiting)): \(reply)") }
        let half = reply.count / 2
        var twice = settled
        let split = twice.feed(Array(reply[..<half])) + twice.feed(Array(reply[half...]))
        if !split.isEmpty || twice.isWaiting { fatalError("a late \(name) reply in two reads typed \(split): \(reply)") }
        // And the key after it is read as itself.
        if once.feed([0x62]) != [.char("b")] { fatalError("the key after a late \(name) reply was lost") }
    }
}
