import Foundation
import Terminal
import Testing
@testable import StudioTerminal

/// The studio's half-blocks take their colours where `show` does (`ColourMode.detect`): COLORTERM, else terminfo's
/// `RGB`, else the 256-colour palette. The studio once read COLORTERM alone.
@Suite struct StudioColourTests {
    /// A terminfo folder with one entry that has RGB and one that does not, compiled by tic; nil without tic.
    func terminfo() throws -> String? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("terminfo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "sr-direct|direct colour,\n\tuse=xterm-256color, RGB,\nsr-plain|no RGB,\n\tuse=xterm-256color,\n"
            .write(toFile: dir + "/src", atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["tic", "-x", "-o", dir, dir + "/src"]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? dir : nil
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
