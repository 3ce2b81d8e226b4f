import Testing
@testable import Export

/// `storyreel export` and the studio's `:export` share one parser; the studio's words may leave out the dashes.
@Suite struct ExportArgumentsTests {
    @Test func studioWordsWithAndWithoutDashes() throws {
        let options = try ExportArguments.parse(words: ["pdf", "board.pdf", "mp4", "cut.mp4", "layout", "3x3", "burn-in", "--version", "client review", "frames", "keys"])
        #expect(options.pdf == "board.pdf" && options.mp4 == "cut.mp4" && options.framesFolder == "keys")
        #expect(options.layout == .threeByThree && options.burnIn && options.version == "client review")
        #expect(options.sheet == nil && options.gif == nil && options.otio == nil && options.edl == nil && options.audio == nil)
        // A value that spells an option name is still the value.
        #expect(try ExportArguments.parse(words: ["pdf", "pdf"]).pdf == "pdf")
        #expect(try ExportArguments.parse(words: ["--edl", "cut.edl", "--otio", "cut.otio"]).otio == "cut.otio")
    }

    @Test func badWordsSayWhatIsWrong() {
        #expect(throws: ExportError.self) { try ExportArguments.parse(words: ["pdf"]) }
        do {
            _ = try ExportArguments.parse(words: ["pdf", "b.pdf", "layout", "4x4"])
            Issue.record("4x4 accepted")
        } catch {
            #expect(error.message == "unknown layout '4x4'; expected one of 2x3, 3x2, 3x3, 1up")
        }
        do {
            _ = try ExportArguments.parse(words: ["pfd", "b.pdf"])
            Issue.record("pfd accepted")
        } catch {
            #expect(error.message.contains("pfd"), "\(error.message)")
        }
    }

    @Test func theDashlessNamesAreExactlyTheCommandsOptions() {
        // Every option `storyreel export --help` lists can be written without dashes, and nothing else can.
        let usage = ExportArguments.usage
        var listed = Set<String>()
        var rest = Substring(usage)
        while let range = rest.range(of: "--") {
            let name = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            if !name.isEmpty { listed.insert(String(name)) }
            rest = rest[range.upperBound...]
        }
        listed.remove("help")
        #expect(listed == ExportArguments.valueNames.union(ExportArguments.flagNames), "\(usage)")
        for name in ExportArguments.valueNames {
            let value = name == "layout" ? "1up" : name == "board-frames" ? "first-last" : "x"
            #expect((try? ExportArguments.parse(words: [name, value])) != nil, "\(name)")
        }
    }

    @Test func everyKindOfOutputIsAnOptionThatSetsItAlone() throws {
        // ExportOptions.outputFields is the one list of outputs: each of its names parses to exactly that output.
        for (name, path) in ExportOptions.outputFields {
            let options = try ExportArguments.parse(words: [name, "out/" + name])
            #expect(options[keyPath: path] == "out/" + name, "\(name)")
            #expect(options.outputs == ["out/" + name], "\(name)")
        }
        #expect(ExportOptions().isEmpty)
    }
}
