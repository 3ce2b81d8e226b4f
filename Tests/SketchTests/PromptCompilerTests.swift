import Testing
import Project
@testable import Sketch

@Suite struct PromptCompilerTests {
    @Test func horseOnBeachAtSunset() {
        let scene = PromptCompiler.compile("Wide shot of a white horse galloping on the beach at sunset, low angle")
        #expect(scene.shotSize == .wide)
        #expect(scene.angle == .low)
        #expect(scene.timeOfDay == .sunset)
        #expect(scene.setting == .beach)
        #expect(scene.subjects == [SceneSubject(kind: .horse, colour: .white, action: .galloping)])
        #expect(scene.unknown.isEmpty)
    }

    @Test func countsColoursPlacementsAndPlurals() {
        let scene = PromptCompiler.compile("two red cars on the left, a woman walking in the background; horses")
        #expect(scene.subjects.map(\.kind) == [.car, .car, .woman, .horse, .horse])
        #expect(scene.subjects[0].colour == .red && scene.subjects[1].colour == .red)
        #expect(scene.subjects[0].placement == Placement(side: -1))
        #expect(scene.subjects[2].action == .walking)
        #expect(scene.subjects[2].placement == Placement(depth: 1))
        #expect(scene.subjects[3].colour == nil)
    }

    @Test func unknownNounsBecomePlaceholders() {
        let scene = PromptCompiler.compile("close-up of a vintage surfboard leaning on a blue wall")
        #expect(scene.shotSize == .closeUp)
        #expect(scene.subjects.first?.kind == .placeholder)
        #expect(scene.subjects.first?.label == "surfboard")
        #expect(scene.unknown == ["vintage", "surfboard", "leaning"].filter { scene.unknown.contains($0) })
        #expect(scene.unknown.contains("surfboard") && scene.unknown.contains("leaning"))
    }

    @Test func phrasesBeatSingleWords() {
        // "coffee shop" is a setting, "coffee table" is a table, not a cup.
        let a = PromptCompiler.compile("a man in a coffee shop")
        #expect(a.setting == .cafe && a.subjects.map(\.kind) == [.man])
        let b = PromptCompiler.compile("a coffee table in the living room, golden hour, slow push in")
        #expect(b.subjects.map(\.kind) == [.table])
        #expect(b.setting == .livingRoom && b.timeOfDay == .goldenHour && b.cameraMove == .pushIn)
        let c = PromptCompiler.compile("over-the-shoulder shot, bird's-eye view")
        #expect(c.angle == .overhead)
    }

    @Test func negativePromptRemovesSubjects() {
        let scene = PromptCompiler.compile("a family with a dog in the park", negative: "dog")
        #expect(scene.subjects.map(\.kind) == [.man, .woman, .child])
        let empty = PromptCompiler.compile("a couple on a sofa", negative: "people")
        #expect(empty.subjects.map(\.kind) == [.sofa])
    }

    @Test func silentPromptGivesNulls() {
        let scene = PromptCompiler.compile("")
        #expect(scene.json.serialized() ==
            #"{"shot_size":null,"angle":null,"time_of_day":null,"setting":null,"backdrop":null,"subjects":[],"camera_move":null,"unknown":[]}"#)
    }

    @Test func vocabularyCoversTheIssueMinimum() {
        // 12+ settings, 25+ subject kinds, all shot sizes, angles, times, actions and placements reachable from words.
        var settings = Set<Setting>(), kinds = Set<SubjectKind>(), sizes = Set<ShotSize>(), times = Set<TimeOfDay>()
        for meaning in Lexicon.phrases.values {
            switch meaning {
            case .setting(let s): settings.insert(s)
            case .subject(let k, _): kinds.insert(k)
            case .shotSize(let s): sizes.insert(s)
            case .time(let t): times.insert(t)
            default: break
            }
        }
        #expect(settings.count == Setting.allCases.count && settings.count >= 12)
        #expect(kinds.count >= 25)
        #expect(sizes.count == ShotSize.allCases.count)
        #expect(times.count == TimeOfDay.allCases.count)
    }
}

@Suite struct MotionWordsTests {
    @Test(arguments: [
        ("wide shot of a brown horse galloping from left to right on the beach at sunset", SubjectAction.galloping, MotionDirection.leftToRight),
        ("a man walking from right to left", .walking, .rightToLeft),
        ("a dog running towards the camera", .running, .towardsCamera),
        ("a car driving away from the camera", .running, .awayFromCamera),
    ])
    func actionAndDirectionAttachToTheirNoun(prompt: String, action: SubjectAction, direction: MotionDirection) {
        let scene = PromptCompiler.compile(prompt)
        #expect(scene.subjects.first?.action == action)
        #expect(scene.subjects.first?.direction == direction)
        #expect(scene.unknown.isEmpty, "unknown: \(scene.unknown)")
    }

    @Test func explainReportsMotionPerSubject() {
        let json = PromptCompiler.compile("a bird flying from right to left").json.serialized()
        #expect(json.contains(#""motion":{"action":"flying","direction":"right_to_left"}"#), "\(json)")
        let still = PromptCompiler.compile("a person turning to look").json.serialized()
        #expect(still.contains(#""motion":{"action":"turning","direction":null}"#), "\(still)")
    }
}
