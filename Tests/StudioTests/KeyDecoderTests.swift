import Testing
@testable import Studio

/// The key decoder, byte by byte: every form of every key terminals send (whatever TERM says), unknown sequences
/// consumed whole, sequences split between reads, and bracketed paste as text.
@Suite struct KeyDecoderTests {
    /// Decodes `text` as one read, then flushes (the terminal went quiet).
    func keys(_ text: String) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.feed(Array(text.utf8)) + decoder.flush()
    }

    /// Decodes `bytes` one byte per read, as a slow link would deliver them.
    func keysByteByByte(_ text: String) -> [Key] {
        var decoder = KeyDecoder()
        var out: [Key] = []
        for byte in text.utf8 { out += decoder.feed([byte]) }
        return out + decoder.flush()
    }

    static let esc = "\u{1B}"

    @Test func plainBytesAreKeys() {
        #expect(keys("aZ~") == [.char("a"), .char("Z"), .char("~")])
        #expect(keys("\r\n\t \u{7F}\u{08}") == [.enter, .enter, .tab, .space, .backspace, .backspace])
        #expect(keys("\u{01}\u{12}\u{1A}\u{03}") == [.ctrl("a"), .ctrl("r"), .ctrl("z"), .ctrl("c")])
        // UTF-8: two, three and four bytes, also one byte per read.
        #expect(keys("é€😀") == [.char("é"), .char("€"), .char("😀")])
        #expect(keysByteByByte("é€😀") == [.char("é"), .char("€"), .char("😀")])
        // Bytes that cannot start a character are dropped, and the next character still decodes.
        var decoder = KeyDecoder()
        #expect(decoder.feed([0xFF, 0x80, 0x61, 0xC3, 0x41]) == [.char("a"), .char("A")])
    }

    @Test func xtermCursorKeysInBothModes() {
        let e = Self.esc
        // Normal (CSI) and application (SS3) cursor mode.
        #expect(keys("\(e)[A\(e)[B\(e)[C\(e)[D\(e)[H\(e)[F") == [.up, .down, .right, .left, .home, .end])
        #expect(keys("\(e)OA\(e)OB\(e)OC\(e)OD\(e)OH\(e)OF") == [.up, .down, .right, .left, .home, .end])
        #expect(keys("\(e)OP\(e)OQ\(e)OR\(e)OS") == [.function(1), .function(2), .function(3), .function(4)])
    }

    @Test func xtermModifiers() {
        let e = Self.esc
        #expect(keys("\(e)[1;5D") == [.modified(.left, .ctrl)])
        #expect(keys("\(e)[1;2F") == [.modified(.end, .shift)])
        #expect(keys("\(e)[1;3A") == [.modified(.up, .alt)])
        #expect(keys("\(e)[1;6H") == [.modified(.home, [.ctrl, .shift])])
        #expect(keys("\(e)[3;5~") == [.modified(.delete, .ctrl)])
        #expect(keys("\(e)[5;2~") == [.modified(.pageUp, .shift)])
        #expect(keys("\(e)[1;2P") == [.modified(.function(1), .shift)])
        #expect(keys("\(e)[Z") == [.modified(.tab, .shift)])
        // Old xterm and some others: the modifier in SS3.
        #expect(keys("\(e)O5C") == [.modified(.right, .ctrl)])
        // Modifier 1 means none.
        #expect(keys("\(e)[1;1A") == [.up])
    }

    @Test func vt220AndLinuxConsoleTildeKeys() {
        let e = Self.esc
        #expect(keys("\(e)[1~\(e)[2~\(e)[3~\(e)[4~\(e)[5~\(e)[6~") == [.home, .insert, .delete, .end, .pageUp, .pageDown])
        // Linux console F1–F5.
        #expect(keys("\(e)[[A\(e)[[B\(e)[[E") == [.function(1), .function(2), .function(5)])
        #expect(keys("\(e)[11~\(e)[15~\(e)[17~\(e)[21~\(e)[23~\(e)[24~") ==
                [.function(1), .function(5), .function(6), .function(10), .function(11), .function(12)])
    }

    @Test func rxvtKeys() {
        let e = Self.esc
        #expect(keys("\(e)[7~\(e)[8~") == [.home, .end])
        #expect(keys("\(e)[7^\(e)[8$\(e)[3@") == [.modified(.home, .ctrl), .modified(.end, .shift), .modified(.delete, [.ctrl, .shift])])
        #expect(keys("\(e)[a\(e)[d") == [.modified(.up, .shift), .modified(.left, .shift)])
        #expect(keys("\(e)Oc\(e)Ob") == [.modified(.right, .ctrl), .modified(.down, .ctrl)])
        // Alt-arrow: ESC before the arrow.
        #expect(keys("\(e)\(e)[D") == [.modified(.left, .alt)])
        #expect(keys("\(e)\(e)[1;5D") == [.modified(.left, [.ctrl, .alt])])
        // Application keypad digits and operators.
        #expect(keys("\(e)Op\(e)Oy\(e)Ok\(e)OM") == [.char("0"), .char("9"), .char("+"), .enter])
    }

    @Test func unknownSequencesAreConsumedWholeAndIgnored() {
        let e = Self.esc
        // Unknown finals, numbers and forms: nothing comes out, not Esc, not '[', not the digits.
        for sequence in ["\(e)[99~", "\(e)[4;5;6;7q", "\(e)[E", "\(e)[200;3x", "\(e)OX", "\(e)O", "\(e)[?62;4c", "\(e)[<0;10;5M",
                         "\(e)[M !!", "\(e)[1 q", "\(e)]11;rgb:0000/0000/0000\u{07}", "\(e)P>|xterm(390)\(e)\\",
                         "\(e)_Gi=31;OK\(e)\\", "\(e)[[Z", "\(e)[201~"] {
            #expect(keys(sequence) == [], "\(sequence.debugDescription)")
            #expect(keysByteByByte(sequence) == [], "\(sequence.debugDescription) one byte at a time")
        }
        // What follows an unknown sequence is decoded as usual.
        #expect(keys("\(e)[99~a\(e)[4~x") == [.char("a"), .end, .char("x")])
    }

    @Test func aByteThatCannotBeInASequenceEndsIt() {
        // ESC [ 4 then Enter: the broken sequence is dropped, Enter is still Enter.
        #expect(keys("\u{1B}[4\r") == [.enter])
    }

    @Test func escapeAloneAndBeforeKeys() {
        let e = Self.esc
        #expect(keys(e) == [.escape])
        #expect(keys("\(e)\(e)") == [.escape, .escape])
        // Esc then a letter in the same read: Esc, then the letter (as ncurses did).
        #expect(keys("\(e)j") == [.escape, .char("j")])
        // A lone ESC waits for more: nothing until the flush.
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]) == [] && decoder.isWaiting)
        #expect(decoder.flush() == [.escape] && !decoder.isWaiting)
    }

    @Test func aSequenceSplitBetweenTwoReads() {
        let e = Self.esc
        for (first, second, expected) in [("\(e)", "[4~", Key.end), ("\(e)[", "4~", .end), ("\(e)[4", "~", .end),
                                           ("\(e)[1;", "5D", .modified(.left, .ctrl)), ("\(e)O", "H", .home),
                                           ("\(e)[[", "A", .function(1)), ("\(e)[7", "$", .modified(.home, .shift))] {
            var decoder = KeyDecoder()
            #expect(decoder.feed(Array(first.utf8)) == [], "\(first.debugDescription)")
            #expect(decoder.feed(Array((second + "q").utf8)) == [expected, .char("q")], "\(first.debugDescription) + \(second)")
        }
        // Every key of a run of sequences, one byte per read.
        #expect(keysByteByByte("\(e)[1~\(e)[4~\(e)[7~\(e)[8~\(e)OA\(e)[1;2Cx") == [.home, .end, .home, .end, .up, .modified(.right, .shift), .char("x")])
    }

    /// Found by the keys fuzz harness (Fuzz/Regressions/keys): a sequence longer than the limits was dropped at the
    /// read that passed the limit, and the rest of it, in the next read, typed as keys ('1', '~', the OSC's text).
    @Test func aTooLongSequenceIsDroppedWholeHoweverItIsSplit() {
        let e = Self.esc
        let longCSI = "\(e)[" + String(repeating: "1", count: 80) + "~jk"
        let longOSC = "\(e)]52;c;" + String(repeating: "A", count: 5000) + "\u{07}xy"
        let longDCS = "\(e)P>|" + String(repeating: "W", count: 4200) + "\(e)\\z"
        let longSS3 = "\(e)O" + String(repeating: "5", count: 70) + "Aq"
        for (text, after) in [(longCSI, "jk"), (longOSC, "xy"), (longDCS, "z"), (longSS3, "q")] {
            let expected = after.map { Key.char($0) }
            #expect(keys(text) == expected, "\(text.prefix(12).debugDescription)… at once")
            #expect(keysByteByByte(text) == expected, "\(text.prefix(12).debugDescription)… a byte a read")
            for cut in [2, 40, 63, 64, 65, 70, 4095, 4096, 4097] where cut < text.utf8.count {
                var decoder = KeyDecoder()
                let bytes = Array(text.utf8)
                let got = decoder.feed(Array(bytes[..<cut])) + decoder.feed(Array(bytes[cut...])) + decoder.flush()
                #expect(got == expected, "\(text.prefix(12).debugDescription)… cut at \(cut)")
            }
        }
        // A sequence that is still too long when the terminal goes quiet ends there: what comes next is typed.
        var decoder = KeyDecoder()
        #expect(decoder.feed(Array(("\(e)[" + String(repeating: "2", count: 70)).utf8)) == [] && decoder.isWaiting)
        #expect(decoder.flush() == [] && !decoder.isWaiting)
        #expect(decoder.feed(Array("1~".utf8)) == [.char("1"), .char("~")])
    }

    @Test func halfASequenceLeftWhenTheTerminalGoesQuietIsDropped() {
        // Not Esc + '[' + '4': those keys would leave the edit and type into the board.
        var decoder = KeyDecoder()
        #expect(decoder.feed(Array("\u{1B}[4".utf8)) == [])
        #expect(decoder.flush() == [])
        #expect(decoder.feed(Array("a".utf8)) == [.char("a")])
    }

    @Test func bracketedPasteIsText() {
        let e = Self.esc
        #expect(keys("\(e)[200~quit x a\rd\(e)[201~") == [.paste("quit x a\rd")])
        // Escape sequences inside a paste are text too, and keys after it are keys again.
        #expect(keys("\(e)[200~a\(e)[Ab\(e)[201~q") == [.paste("a\(e)[Ab"), .char("q")])
        // Split anywhere, even inside the end marker, one byte per read.
        #expect(keysByteByByte("\(e)[200~q x é\(e)[201~j") == [.paste("q x é"), .char("j")])
        // A paste whose end is slow to come is not flushed into keys.
        var decoder = KeyDecoder()
        #expect(decoder.feed(Array("\(e)[200~qx".utf8)) == [])
        #expect(decoder.flush() == [] && decoder.isPasting)
        #expect(decoder.feed(Array("a\(e)[20".utf8)) == [])
        #expect(decoder.feed(Array("1~".utf8)) == [.paste("qxa")])
        #expect(!decoder.isWaiting)
    }

    @Test func labelsForHelp() {
        #expect(Key.modified(.end, [.ctrl, .shift]).label == "Ctrl-Shift-End")
        #expect(Key.function(5).label == "F5" && Key.pageDown.label == "PgDn")
        #expect(Key(spec: "pgup") == .pageUp)
    }
}
