import Foundation
import Terminal
import TestSupport
import Testing
@testable import StudioTerminal

/// The studio's half-blocks take their colours where `show` does (`ColourMode.detect`): COLORTERM, else terminfo's
/// `RGB`, else the 256-colour palette. The studio once read COLORTERM alone.
@Suite struct StudioColourTests {
    /// A terminfo folder with one entry that has RGB and one that does not; nil without tic.
    func terminfo() throws -> String? {
        try TerminfoFixture.compile("sr-direct|direct colour,\n\tuse=xterm-256color, RGB,\nsr-plain|no RGB,\n\tuse=xterm-256color,\n")
    }

    @Test func theStudioAndShowAgreeOnColour() throws {
        guard let dir = try terminfo() else {
            print("skipped theStudioAndShowAgreeOnColour: tic is not installed")
            return
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Half-blocks forced, so nothing is asked of a terminal.
        let base = ["STORYREEL_GRAPHICS": "halfblock", "TERMINFO": dir, "HOME": "/nonexistent"]
        let cases: [([String: String], ColourMode)] = [
            (["TERM": "sr-direct"], .truecolor), (["TERM": "sr-plain"], .palette256),
            (["TERM": "sr-plain", "COLORTERM": "truecolor"], .truecolor), ([:], .palette256)
        ]
        for (extra, expected) in cases {
            let env = base.merging(extra) { $1 }
            #expect(StudioGraphics.detect(environment: env).colourMode == expected, "\(extra)")
            #expect(ColourMode.detect(environment: env) == expected, "\(extra)")
        }
    }
}
