import Foundation
import TestSupport
import Testing
@testable import Terminal

/// 24-bit colour only where the terminal says so (COLORTERM or terminfo's RGB); the terminfo reader checked against
/// entries compiled by ncurses' own `tic`, and against damaged entries.
@Suite struct ColourDetectionTests {
    /// Compiles `source` with tic into a fresh folder; nil when tic is missing.
    func compile(_ source: String) throws -> String? { try TerminfoFixture.compile(source) }

    static let entries = """
        sr-direct|direct colour as a boolean,
        \tuse=xterm-256color, RGB,
        sr-direct-number|direct colour as a number,
        \tuse=xterm-256color, RGB#8,
        sr-big|32-bit numbers and direct colour,
        \tuse=xterm-256color, colors#0x1000000, pairs#0x10000, RGB,
        sr-plain|256 colours and other extensions but no RGB,
        \tuse=xterm-256color, Tc@, Smulx=\\E[4:%p1%dm, Su,
        sr-legacy|16-bit numbers and direct colour,
        \tuse=xterm, RGB, Su,
        sr-legacy-plain|16-bit numbers and no RGB,
        \tuse=xterm, Smulx=\\E[4:%p1%dm, Su,

        """

    @Test func terminfoRGBIsReadFromRealEntries() throws {
        guard let dir = try compile(Self.entries) else {
            print("skipped terminfoRGBIsReadFromRealEntries: tic is not installed")
            return
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let base = ["TERMINFO": dir, "HOME": "/nonexistent"]
        for (term, rgb) in [("sr-direct", true), ("sr-direct-number", true), ("sr-big", true), ("sr-plain", false),
                            ("sr-legacy", true), ("sr-legacy-plain", false), ("no-such-term", false)] {
            var env = base
            env["TERM"] = term
            #expect(Terminfo.hasRGB(environment: env) == rgb, "\(term)")
            #expect(ColourMode.detect(environment: env) == (rgb ? .truecolor : .palette256), "\(term)")
        }
        // Both layouts were read: 32-bit numbers (magic 01036) and the older 16-bit ones (magic 0432).
        let big = try #require(Terminfo.entry(named: "sr-big", environment: base))
        #expect(Int(big[0]) | Int(big[1]) << 8 == 0o1036)
        let legacy = try #require(Terminfo.entry(named: "sr-legacy-plain", environment: base))
        #expect(Int(legacy[0]) | Int(legacy[1]) << 8 == 0o432)
        #expect(Terminfo.extendedNames(legacy).isSuperset(of: ["Smulx", "Su"]))
        let plain = try #require(Terminfo.entry(named: "sr-plain", environment: base))
        #expect(Terminfo.extendedNames(plain).isSuperset(of: ["Smulx", "Su"]) && !Terminfo.extendedNames(plain).contains("Tc"))
        // TERMINFO_DIRS, with an empty element for the system folders.
        #expect(Terminfo.hasRGB(environment: ["TERM": "sr-direct", "TERMINFO_DIRS": "/nonexistent::\(dir)", "HOME": "/nonexistent"]))
    }

    /// The capabilities the studio and `show` start from read colour the same way as `ColourMode.detect`.
    @Test func capabilitiesHonourTerminfoRGB() throws {
        guard let dir = try compile(Self.entries) else {
            print("skipped capabilitiesHonourTerminfoRGB: tic is not installed")
            return
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (term, rgb) in [("sr-direct", true), ("sr-plain", false)] {
            var caps = TerminalCapabilities()
            ReplyParser.applyEnvironment(["TERM": term, "TERMINFO": dir, "HOME": "/nonexistent"], to: &caps)
            #expect(caps.truecolor == rgb, "\(term)")
        }
    }

    @Test func colortermDecidesFirst() {
        #expect(ColourMode.detect(environment: ["COLORTERM": "truecolor"]) == .truecolor)
        #expect(ColourMode.detect(environment: ["COLORTERM": "24bit", "TERM": "xterm-256color"]) == .truecolor)
        #expect(ColourMode.detect(environment: ["COLORTERM": "TrueColor"]) == .truecolor)
        // Unset or anything else: 256 colours unless terminfo says RGB (the system xterm-256color does not).
        #expect(ColourMode.detect(environment: [:]) == .palette256)
        #expect(ColourMode.detect(environment: ["TERM": "xterm-256color", "HOME": "/nonexistent"]) == .palette256)
        #expect(ColourMode.detect(environment: ["COLORTERM": "yes", "TERM": "xterm-256color", "HOME": "/nonexistent"]) == .palette256)
        // A TERM that tries to leave the terminfo folders is not looked up.
        #expect(!Terminfo.hasRGB(environment: ["TERM": "../../etc/passwd"]))
    }

    @Test func damagedEntriesMeanNoRGB() throws {
        guard let dir = try compile(Self.entries) else { return }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = try #require(Terminfo.entry(named: "sr-big", environment: ["TERMINFO": dir]))
        #expect(Terminfo.extendedNames(good).contains("RGB"))
        for cut in stride(from: 0, to: good.count, by: 7) { _ = Terminfo.extendedNames(Array(good.prefix(cut))) }
        var state: UInt64 = 5
        for _ in 0..<2000 {
            var bytes = good
            for _ in 0..<4 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes[Int(state >> 33) % bytes.count] = UInt8(truncatingIfNeeded: state >> 13)
            }
            _ = Terminfo.extendedNames(bytes)
        }
        #expect(Terminfo.extendedNames([]).isEmpty && Terminfo.extendedNames([0x1A, 0x01, 0xFF, 0xFF]).isEmpty)
    }
}
