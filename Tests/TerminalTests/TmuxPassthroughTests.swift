import Testing
@testable import Terminal

/// The tmux passthrough wrapper: exact bytes for a known payload, and unwrap(wrap(x)) == x for any bytes.
@Suite struct TmuxPassthroughTests {
    @Test func wrapsWithDoubledEscapes() {
        let sixel = Array("\u{1B}Pq#0;2;0;0;0~\u{1B}\\".utf8)
        let wrapped = TmuxPassthrough.wrap(sixel)
        #expect(wrapped == Array("\u{1B}Ptmux;\u{1B}\u{1B}Pq#0;2;0;0;0~\u{1B}\u{1B}\\\u{1B}\\".utf8))
        #expect(TmuxPassthrough.unwrap(wrapped) == sixel)
    }

    @Test func roundTripsArbitraryBytes() {
        var state: UInt64 = 11
        for length in [0, 1, 2, 7, 64, 1000] {
            var payload: [UInt8] = []
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                // One byte in four is ESC, so doubled runs and an ESC at either end all occur.
                let byte = UInt8(truncatingIfNeeded: state >> 33)
                payload.append(byte % 4 == 0 ? 0x1B : byte)
            }
            #expect(TmuxPassthrough.unwrap(TmuxPassthrough.wrap(payload)) == payload)
        }
    }

    @Test func unwrapRejectsWhatTmuxWouldNotPass() {
        #expect(TmuxPassthrough.unwrap(Array("\u{1B}Pq~\u{1B}\\".utf8)) == nil)  // no tmux; prefix
        #expect(TmuxPassthrough.unwrap(Array("\u{1B}Ptmux;\u{1B}Pq\u{1B}\u{1B}\\".utf8)) == nil)  // a lone ESC inside
        #expect(TmuxPassthrough.unwrap(Array("\u{1B}Ptmux;abc".utf8)) == nil)  // no terminator
    }
}
