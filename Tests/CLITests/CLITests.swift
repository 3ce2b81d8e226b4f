import Foundation
import Testing
import TestSupport

/// Drives the built `storyreel` binary as a user would.
@Suite struct CLITests {
    static let binary = storyreelBinary

    func storyreel(_ arguments: String...) throws -> (out: String, err: String, status: Int32) {
        try runProgram(Self.binary, arguments)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func newRenderAndRerender() throws {
        let folder = TestFolder()
        let dir = folder.path + "/spot"
        let made = try storyreel("new", dir)
        #expect(made.status == 0)
        let first = try json(try storyreel("render", dir, "--json").out)
        let shots = first["shots"] as? [[String: Any]] ?? []
        #expect(first["rendered"] as? Int == shots.count && shots.count >= 3)
        #expect(first["cached"] as? Int == 0)
        #expect((first["denoiser_calls"] as? Int ?? 0) > 0)
        for shot in shots {
            let id = shot["id"] as? String ?? "?"
            #expect(shot["png"] as? String == "frames/\(id).png")
            #expect((shot["key"] as? String)?.count == 64)
            #expect(FileManager.default.fileExists(atPath: dir + "/frames/\(id).png"))
        }
        let second = try json(try storyreel("render", dir, "--json").out)
        #expect(second["rendered"] as? Int == 0 && second["denoiser_calls"] as? Int == 0)
        #expect(second["cached"] as? Int == shots.count)

        let one = try json(try storyreel("render", dir, "--json", "--shot", "s02").out)
        #expect((one["shots"] as? [[String: Any]])?.count == 1)

        let missing = try storyreel("render", dir, "--shot", "nope")
        #expect(missing.status == 2 && missing.err.contains("no shot 'nope'"))

        let again = try storyreel("new", dir)
        #expect(again.status == 2 && again.err.contains("already exists"))
    }

    @Test func editingOneShotReRendersOnlyIt() throws {
        let folder = TestFolder()
        let dir = folder.path + "/spot"
        _ = try storyreel("new", dir)
        _ = try storyreel("render", dir)
        let path = dir + "/storyboard.toml"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "close-up of a phone on a table", with: "close-up of a red bottle on a table")
        text = text.replacingOccurrences(of: "duration = 3.0", with: "duration = 4.5")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try json(try storyreel("render", dir, "--json").out)
        let statuses = (result["shots"] as? [[String: Any]] ?? []).map { "\($0["id"]!)=\($0["status"]!)" }
        #expect(statuses == ["s01=cached", "s02=cached", "s03=rendered", "s04=cached"])
    }

    @Test func explainPrintsTheScene() throws {
        let result = try storyreel("explain", "wide shot of a brown horse galloping on the left of the beach at sunset, a surfboard", "--json")
        let scene = try json(result.out)
        #expect(scene["shot_size"] as? String == "wide")
        #expect(scene["angle"] is NSNull)
        #expect(scene["time_of_day"] as? String == "sunset")
        #expect(scene["setting"] as? String == "beach")
        let subjects = scene["subjects"] as? [[String: Any]] ?? []
        #expect(subjects.first?["kind"] as? String == "horse")
        #expect(subjects.first?["colour"] as? String == "brown")
        #expect(subjects.first?["action"] as? String == "galloping")
        #expect(subjects.first?["position"] as? String == "left")
        #expect(subjects.first?["drawn_as"] as? String == "horse" && subjects.first?["count"] as? Int == 1)
        // kind is the prompt's noun; what draws it is drawn_as.
        #expect(subjects.last?["kind"] as? String == "surfboard")
        #expect(subjects.last?["drawn_as"] as? String == "placeholder")
        #expect(scene["unknown"] as? [String] == ["surfboard"])
    }

    /// With WordNet pointed at an empty folder, explain says it is missing and the lexicon still reads the prompt.
    @Test func explainSaysWhenWordNetIsMissing() throws {
        let folder = TestFolder()
        var environment = ProcessInfo.processInfo.environment
        environment["STORYREEL_WORDNET"] = folder.path
        let prompt = "a red apple on a wooden table"
        let scene = try json(try runProgram(Self.binary, ["explain", prompt, "--json"], environment: environment).out)
        #expect(scene["wordnet"] is NSNull)
        let subjects = scene["subjects"] as? [[String: Any]] ?? []
        #expect(subjects.map { $0["drawn_as"] as? String } == ["placeholder", "table"])
        #expect(subjects.first?["colour"] as? String == "red")
        let text = try runProgram(Self.binary, ["explain", prompt], environment: environment).out
        #expect(text.contains("wordnet") && text.contains("missing"))
    }

    /// Each broken project gives one message naming the file, line and column, exit status 2, and the file untouched.
    @Test(arguments: [
        ("title = \"x\"\n[[shot]]\nid = \"a\"\nprompt = \"p\nseed = 1\n", "storyboard.toml:4:", "string"),
        ("[[shot]]\nprompt = \"p\"\n", "storyboard.toml:1:", "no 'id'"),
        ("[[shot]]\nid = \"a\"\nprompt = \"p\"\n[[shot]]\nid = \"A\"\nprompt = \"q\"\n", "storyboard.toml:5:6", "duplicate shot id"),
        ("[[shot]]\nid = \"a\"\nprompt = \"p\"\nduration = -2\n", "storyboard.toml:4:12", "duration"),
        ("[[shot]]\nid = \"a\"\nprompt = \"p\"\nseed = -1\n", "storyboard.toml:4:8", "seed"),
        ("[[shot]]\nid = \"a\"\nprompt = \"p\"\nseed = 4294967296\n", "storyboard.toml:4:8", "4294967295"),
        ("[[shot]]\nid = \"a\"\nprompt = \"p\"\ncamera = \"zoom_around\"\n", "storyboard.toml:4:10", "unknown camera 'zoom_around'"),
        ("[[shot]]\nid = \"../x\"\nprompt = \"p\"\n", "storyboard.toml:2:6", "shot id"),
        ("width = 1002\n", "storyboard.toml:1:9", "multiple of 8"),
        ("fps = \"fast\"\n", "storyboard.toml:1:7", "frames per second"),
    ])
    func badProjectsAreRejectedClearly(text: String, place: String, words: String) throws {
        let folder = TestFolder()
        let path = folder.path + "/storyboard.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try storyreel("render", folder.path)
        #expect(result.status == 2)
        #expect(result.err.contains(place), "\(result.err)")
        #expect(result.err.contains(words), "\(result.err)")
        #expect(result.err.split(separator: "\n").count == 1, "one message: \(result.err)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/frames"))
    }

    @Test func nonUTF8ProjectIsRejectedWithItsPlace() throws {
        let folder = TestFolder()
        try Data("title = \"ok\"\nnotes = \"caf\u{E9}\"\n".utf8.map { $0 } .dropLast(3) + [0xE9, 0x22, 0x0A]).write(to: URL(fileURLWithPath: folder.path + "/storyboard.toml"))
        let result = try storyreel("render", folder.path)
        #expect(result.status == 2 && result.err.contains("storyboard.toml:2:") && result.err.contains("UTF-8"))
    }

    @Test func examplesRenderOutOfTheBox() throws {
        for example in ["sofa-spot", "horse-beach"] {
            let folder = TestFolder()
            try FileManager.default.copyItem(atPath: repositoryRoot + "/Examples/\(example)/storyboard.toml",
                                             toPath: folder.path + "/storyboard.toml")
            let result = try storyreel("render", folder.path, "--json")
            #expect(result.status == 0, "\(example): \(result.err)")
            #expect(!result.err.contains("warning"), "\(example): \(result.err)")
            let parsed = try json(result.out)
            #expect((parsed["rendered"] as? Int ?? 0) >= 8)
        }
    }
}
