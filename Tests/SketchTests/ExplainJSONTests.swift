import Foundation
import Testing
@testable import Sketch

/// `explain --json` read back by Foundation's own JSON parser: every field says what the scene holds.
@Suite struct ExplainJSONTests {
    func parsed(_ scene: Scene) throws -> [String: Any] {
        let data = Data(scene.json.serialized().utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test(.enabled(if: OpenVocabulary.shared.isAvailable))
    func subjectsReportNounClassCountAndRelation() throws {
        let scene = PromptCompiler.compile("two white delivery vans parked next to a lighthouse in the harbour")
        let json = try parsed(scene)
        let subjects = try #require(json["subjects"] as? [[String: Any]])
        #expect(subjects.count == scene.subjects.count && subjects.count == 3)
        for (object, subject) in zip(subjects, scene.subjects) {
            #expect(object["kind"] as? String == subject.nounLemma)
            #expect(object["drawn_as"] as? String == subject.kind.rawValue)
            #expect(object["category"] as? String == subject.kind.category.rawValue)
            #expect(object["count"] as? Int == subject.count)
            #expect(object["colour"] as? String == subject.colour?.rawValue)
            let relation = object["relation"] as? [String: Any]
            #expect(relation?["type"] as? String == subject.relation?.kind.rawValue)
            #expect(relation?["target"] as? Int == subject.relation?.target)
        }
        #expect(subjects[0]["kind"] as? String == "van" && subjects[0]["drawn_as"] as? String == "truck")
        #expect(subjects[0]["count"] as? Int == 2 && subjects[0]["colour"] as? String == "white")
        #expect((subjects[1]["relation"] as? [String: Any])?["target"] as? Int == 2)
        #expect(subjects[2]["kind"] as? String == "lighthouse" && subjects[2]["drawn_as"] as? String == "lighthouse")
        #expect(json["setting"] as? String == "harbour" && json["backdrop"] as? String == "beach")
    }

    @Test func aLexiconSynonymKeepsItsNounAndSettingsTheirWord() throws {
        let json = try parsed(PromptCompiler.compile("a lorry on the motorway"))
        let subject = try #require((json["subjects"] as? [[String: Any]])?.first)
        #expect(subject["kind"] as? String == "lorry" && subject["drawn_as"] as? String == "truck")
        #expect(json["setting"] as? String == "motorway" && json["backdrop"] as? String == "road")
        #expect(subject["relation"] is NSNull)
    }
}

@Suite struct InsideRelationTests {
    @Test func inABoatIsOnItsDeckButInACarIsNoRelation() {
        let boat = PromptCompiler.compile("a man in a small boat on the lake")
        #expect(boat.subjects.map(\.kind) == [.man, .boat])
        #expect(boat.subjects[0].relation == SubjectRelation(.on, target: 1))
        let car = PromptCompiler.compile("a man in a red car")
        #expect(car.subjects.map(\.kind) == [.man, .car] && car.subjects[0].relation == nil)
        let park = PromptCompiler.compile("a man in the park, a boat")
        #expect(park.subjects.allSatisfy { $0.relation == nil })
    }
}
