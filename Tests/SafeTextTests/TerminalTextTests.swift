import JSON
import SafeText
import Testing

/// The one sanitiser every output path uses: exact escapes for each kind of control, clean text untouched.
@Suite struct TerminalTextTests {
    @Test func controlsBecomeVisibleEscapes() {
        let cases: [(String, String)] = [
            ("\u{1B}[2J", "\\u{1b}[2J"), ("a\rb", "a\\u{d}b"), ("tab\there", "tab\\u{9}here"), ("nul\u{0}", "nul\\u{0}"),
            ("\u{7F}", "\\u{7f}"), ("\u{9B}31m", "\\u{9b}31m"), ("\u{85}", "\\u{85}"), ("\u{202E}exe", "\\u{202e}exe"),
            ("\u{2066}x\u{2069}", "\\u{2066}x\\u{2069}"), ("\u{200F}\u{061C}", "\\u{200f}\\u{61c}"), ("two\nlines", "two\\u{a}lines"),
        ]
        for (input, expected) in cases { #expect(TerminalText.sanitised(input) == expected, "\(input.debugDescription)") }
    }

    @Test func cleanTextAndPrintableUnicodeAreKept() {
        for text in ["wide shot, 東京 🦊 café", "", "a\\u{1b}b (already an escape)", "\u{A0}nbsp ½ \u{2028}"] {
            #expect(TerminalText.sanitised(text) == text)
        }
    }

    @Test func newlinesAreKeptOnlyWhenAsked() {
        #expect(TerminalText.sanitised("a\nb\u{1B}c", keepingNewlines: true) == "a\nb\\u{1b}c")
    }

    @Test func cellCharactersAreOneVisibleCharacter() {
        #expect(TerminalText.cellCharacter("\u{1B}") == "\u{241B}")
        #expect(TerminalText.cellCharacter("\u{7F}") == "\u{2421}")
        #expect(TerminalText.cellCharacter("\u{9B}") == "\u{FFFD}")
        #expect(TerminalText.cellCharacter("\u{202E}") == "\u{FFFD}")
        #expect(TerminalText.cellCharacter("é") == "é")
    }

    @Test func jsonEscapesWhatTheTerminalWouldAct() {
        let json = JSONValue.string("\u{1B}]0;x\u{7}\u{9B}\u{202E}").serialized()
        #expect(json == "\"\\u001b]0;x\\u0007\\u009b\\u202e\"")
    }
}
