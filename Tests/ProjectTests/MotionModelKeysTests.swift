import Foundation
import Testing
@testable import Project

/// The video-model keys: `motion_model` (top level and per shot), `motion_from`, `motion_strength`.
@Suite struct MotionModelKeysTests {
    let text = """
        title = "Video spot"
        model = "sd:~/models/dreamshaper_8.safetensors"
        motion_model = "mm_sd_v15_v2.safetensors"

        [[shot]]
        id = "s01"
        prompt = "a horse"
        seed = 1
        duration = 2.0

        [[shot]]
        id = "s02"
        prompt = "a horse"
        seed = 1
        motion_model = "animatediff_lightning_4step_diffusers.safetensors"
        motion_from = "noise"
        drawings_per_second = 12

        [[shot]]
        id = "s03"
        prompt = "a horse"
        seed = 1
        motion = "none"
        motion_strength = 0.3
        """

    @Test func decodesEncodesAndResolvesPerShot() throws {
        let (project, warnings) = try ProjectDecoder.decode(text, file: "storyboard.toml")
        #expect(warnings.isEmpty)
        let settings = project.shots.map { project.renderSettings(for: $0) }
        #expect(settings[0].motionModel == "mm_sd_v15_v2.safetensors" && settings[0].motionFrom == .key && settings[0].motionStrength == 0.5)
        #expect(settings[1].motionModel == "animatediff_lightning_4step_diffusers.safetensors" && settings[1].motionFrom == .noise)
        // motion = "none" holds the shot still whatever module is named.
        #expect(settings[2].motionModel == nil && settings[2].motionStrength == 0.3)
        // A video shot is drawn at the modules' 8 a second unless it sets its own rate: 2 s is 16 drawings.
        #expect(project.drawingsPerSecond(for: project.shots[0]) == 8 && project.drawingCount(for: project.shots[0]) == 16)
        #expect(project.drawingsPerSecond(for: project.shots[1]) == 12)
        #expect(project.drawingsPerSecond(for: project.shots[2]) == 12)
        let again = try ProjectDecoder.decode(ProjectEncoder.encode(project), file: "again.toml").0
        #expect(again == project)
    }

    @Test(arguments: [
        (#"motion_model = """#, "'motion_model' is empty"),
        ("[[shot]]\nid = \"a\"\nprompt = \"p\"\nmotion_from = \"image\"", "expected one of key, noise"),
        ("[[shot]]\nid = \"a\"\nprompt = \"p\"\nmotion_strength = 0", "denoising strength"),
        ("[[shot]]\nid = \"a\"\nprompt = \"p\"\nmotion_strength = 1.5", "denoising strength"),
    ])
    func badValuesNameWhatWasExpected(line: String, message: String) throws {
        let error = try #require(throws: ProjectError.self) { try ProjectDecoder.decode("title = \"t\"\n" + line, file: "p.toml") }
        #expect(error.description.contains(message) && error.description.contains("p.toml:"), "\(error.description)")
    }
}
