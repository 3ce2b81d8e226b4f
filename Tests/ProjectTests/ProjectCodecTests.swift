import Foundation
import Testing
import TOML
import TestSupport
@testable import Project

@Suite struct ProjectCodecTests {
    let sample = """
        # My spot
        title = "Spot"   # the working title
        width = 512
        height = 288
        fps = 23.976
        future_key = { a = 1, b = [true, false] }

        [defaults]
        steps = 12
        colour_grade = "teal"

        [[shot]]
        # hero shot
        id = "s01"
        prompt = "a horse on the beach"
        seed = 7
        duration = 2.5
        camera = "push in"
        variants = [7, 8]
        lens_mm = 35

        [[shot]]
        id = "s02"
        prompt = \"\"\"two lines
        of prompt\"\"\"
        seed = 4294967295

        [export]
        burn_in = true
        """

    @Test func decodesKnownFieldsAndKeepsUnknownOnes() throws {
        let (project, warnings) = try ProjectDecoder.decode(sample, file: "storyboard.toml")
        #expect(project.title == "Spot" && project.width == 512 && project.fps == 23.976)
        #expect(project.defaults.steps == 12 && project.defaults.sampler == .dpmpp2m)
        #expect(project.shots.map(\.id) == ["s01", "s02"])
        #expect(project.shots[0].camera == .pushIn && project.shots[0].variants == [7, 8])
        #expect(project.shots[1].prompt == "two lines\nof prompt" && project.shots[1].seed == UInt32.max)
        #expect(warnings.count == 4, "\(warnings)")
        #expect(warnings.contains { $0.contains("'lens_mm'") && $0.contains("shot 's01'") && $0.hasPrefix("storyboard.toml:20:") })
    }

    @Test func roundTripKeepsEverythingAndPythonAgrees() throws {
        let (project, _) = try ProjectDecoder.decode(sample, file: "storyboard.toml")
        let text = ProjectEncoder.encode(project)
        let (again, warnings) = try ProjectDecoder.decode(text, file: "again.toml")
        #expect(again.title == project.title && again.shots == project.shots.map {
            var s = $0
            s.extra = again.shots.first { $0.id == s.id }!.extra
            return s
        })
        #expect(warnings.count == 4)
        #expect(text.contains("# hero shot\nid = \"s01\""))
        #expect(text.contains("title = \"Spot\" # the working title"))
        #expect(text.contains("lens_mm = 35"))
        #expect(text.contains("[export]\nburn_in = true"))
        // An independent TOML reader sees the same values.
        let script = """
            import sys, tomllib, json
            d = tomllib.loads(sys.stdin.read())
            print(json.dumps([d["title"], d["fps"], d["future_key"], d["defaults"]["colour_grade"], d["export"]["burn_in"],
                              [s["id"] for s in d["shot"]], d["shot"][0]["lens_mm"], d["shot"][1]["prompt"], d["shot"][0]["camera"]]))
            """
        let (out, err, status) = try runProgram("/usr/bin/env", ["python3", "-c", script], stdin: Data(text.utf8))
        #expect(status == 0, "\(err)")
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines)
                == #"["Spot", 23.976, {"a": 1, "b": [true, false]}, "teal", true, ["s01", "s02"], 35, "two lines\nof prompt", "push_in"]"#)
    }

    @Test func saveIsAtomicAndLoadReadsItBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sr-save-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var project = Project(title: "Saved")
        project.shots = [Shot(id: "a", prompt: "a dog", seed: 1, duration: 1.25, camera: .panLeft, action: "Runs.", dialogue: "Woof.")]
        try ProjectFile.save(project, folder: folder)
        let (loaded, warnings) = try ProjectFile.load(folder: folder)
        #expect(warnings.isEmpty)
        #expect(loaded.shots == project.shots && loaded.title == "Saved")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != "storyboard.toml" }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
    }

    @Test func saveIntoMissingFolderFailsCleanly() {
        #expect(throws: (any Error).self) { try ProjectFile.save(Project(title: "x"), folder: "/nonexistent/folder") }
    }

    @Test func tenThousandShots() throws {
        var text = "title = \"Big\"\n"
        for i in 0..<10_000 { text += "[[shot]]\nid = \"s\(i)\"\nprompt = \"a horse on the beach number \(i)\"\nseed = \(i)\nduration = 1.5\n" }
        let (project, _) = try ProjectDecoder.decode(text, file: "big.toml")
        #expect(project.shots.count == 10_000 && project.shots[9_999].seed == 9_999)
    }
}
