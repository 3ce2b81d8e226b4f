import Foundation
import Testing
@testable import Sketch

@Suite struct WordNetReaderTests {
    static let entries: [WordNetFixture.Entry] = [
        .init(name: "entity", words: ["entity"]),
        .init(name: "person", words: ["person", "individual", "someone"], hypernyms: ["entity"]),
        .init(name: "worker", words: ["worker"], hypernyms: ["person"]),
        .init(name: "cook", words: ["cook"], hypernyms: ["worker"]),
        .init(name: "chef", words: ["chef"], hypernyms: ["cook"]),
        .init(name: "timepiece", words: ["timepiece", "timekeeper", "horologe"], hypernyms: ["entity"]),
        .init(name: "watch", words: ["watch", "ticker"], hypernyms: ["timepiece"]),
        .init(name: "wristwatch", words: ["wristwatch", "wrist_watch"], hypernyms: ["watch"]),
        .init(name: "goose", words: ["goose"], hypernyms: ["bird"]),
        .init(name: "bird", words: ["bird"], hypernyms: ["entity"]),
        .init(name: "vanguard", words: ["van", "vanguard"], hypernyms: ["entity"]),
        .init(name: "truck", words: ["truck", "motortruck"], hypernyms: ["entity"]),
        .init(name: "van", words: ["van"], hypernyms: ["truck"]),
        .init(name: "box", words: ["box"], hypernyms: ["entity"]),
        .init(name: "church", words: ["church", "church_building"], hypernyms: ["building"]),
        .init(name: "building", words: ["building", "edifice"], hypernyms: ["entity"]),
        .init(name: "harbour", words: ["seaport", "harbour"], hypernyms: ["port"]),
        .init(name: "port", words: ["port"], hypernyms: ["entity"]),
        .init(name: "lady", words: ["lady"], hypernyms: ["woman"]),
        .init(name: "woman", words: ["woman", "adult_female"], hypernyms: ["person"]),
        .init(name: "glass", words: ["glass", "drinking_glass"], hypernyms: ["entity"]),
        .init(name: "paris", words: ["Paris", "City_of_Light"], instanceOf: ["city"]),
        .init(name: "city", words: ["city", "metropolis"], hypernyms: ["entity"]),
    ]

    func withFixture(_ body: (WordNet, WordNetFixture) throws -> Void) throws {
        let fixture = try WordNetFixture(entries: Self.entries, exceptions: "geese goose\nmice mouse\n")
        defer { fixture.remove() }
        let wordnet = try #require(WordNet(directory: fixture.directory.path))
        try body(wordnet, fixture)
    }

    @Test func indexLookupFindsEverySenseInOrderAndNothingElse() throws {
        try withFixture { wordnet, fixture in
            #expect(wordnet.senses(of: "van") == [fixture.offsets["vanguard"]!, fixture.offsets["van"]!])
            #expect(wordnet.senses(of: "chef") == [fixture.offsets["chef"]!])
            #expect(wordnet.senses(of: "wrist watch") == [fixture.offsets["wristwatch"]!])
            #expect(wordnet.senses(of: "Paris") == [fixture.offsets["paris"]!])
            // Before the first lemma, after the last, between two, and a prefix of one.
            for missing in ["aardvark", "zzz", "chefs", "che", "wrist", ""] { #expect(wordnet.senses(of: missing).isEmpty, "\(missing)") }
        }
    }

    @Test func theAdjectiveIndexTellsAdjectives() throws {
        try withFixture { wordnet, _ in
            #expect(wordnet.isAdjective("coastal") && wordnet.isAdjective("wooden"))
            #expect(!wordnet.isAdjective("chef") && !wordnet.isAdjective("coast") && !wordnet.isAdjective("woode"))
        }
    }

    @Test func theCompilerDropsAdjectivesButKeepsUnknownNounsAsPlaceholders() throws {
        try withFixture { _, fixture in
            let vocabulary = OpenVocabulary(directory: fixture.directory.path)
            let road = PromptCompiler.compile("a chef on a coastal road", vocabulary: vocabulary)
            #expect(road.subjects.map(\.kind) == [.person] && road.subjects.first?.noun == "chef")
            #expect(road.setting == .road && road.unknown == ["coastal"])
            let board = PromptCompiler.compile("a chef holding a surfboard", vocabulary: vocabulary)
            #expect(board.subjects.map(\.kind) == [.person, .placeholder] && board.subjects.last?.label == "surfboard")
            #expect(board.subjects.first?.relation == SubjectRelation(.holding, target: 1))
        }
    }

    @Test func dataLinesGiveWordsAndOnlyHypernymPointers() throws {
        try withFixture { wordnet, fixture in
            let synset = try #require(wordnet.synset(at: fixture.offsets["timepiece"]!))
            #expect(synset.words == ["timepiece", "timekeeper", "horologe"])
            #expect(synset.hypernyms == [fixture.offsets["entity"]!])
            let paris = try #require(wordnet.synset(at: fixture.offsets["paris"]!))
            #expect(paris.words == ["paris", "city of light"])
            #expect(paris.hypernyms == [fixture.offsets["city"]!])
            // An offset inside a line is no synset.
            #expect(wordnet.synset(at: fixture.offsets["chef"]! + 3) == nil)
        }
    }

    @Test func morphologyUsesExceptionsThenDetachmentRules() throws {
        try withFixture { wordnet, _ in
            #expect(NounMorphology.bases(of: "geese", in: wordnet) == ["goose"])
            #expect(NounMorphology.bases(of: "churches", in: wordnet) == ["church"])
            #expect(NounMorphology.bases(of: "boxes", in: wordnet) == ["box"])
            #expect(NounMorphology.bases(of: "ladies", in: wordnet) == ["lady"])
            #expect(NounMorphology.bases(of: "chefs", in: wordnet) == ["chef"])
            // "glass" ends in "ss": nothing to detach; "mice" → "mouse" is listed but "mouse" is no noun here.
            #expect(NounMorphology.bases(of: "glass", in: wordnet).isEmpty)
            #expect(NounMorphology.bases(of: "mice", in: wordnet).isEmpty)
        }
    }

    @Test func hypernymWalkStopsAtTheNearestPainterClass() throws {
        try withFixture { wordnet, fixture in
            func read(_ word: String) -> NounReading? { OpenVocabulary.resolve(word, in: wordnet) }
            #expect(read("chef") == NounReading(lemma: "chef", target: .subject(.person), plural: false))
            #expect(read("wristwatches") == NounReading(lemma: "wristwatch", target: .subject(.watch), plural: true))
            #expect(read("geese") == NounReading(lemma: "goose", target: .subject(.bird), plural: true))
            // "van" first means the vanguard, which draws as nothing; its second sense is a truck.
            #expect(read("van")?.target == .subject(.truck))
            #expect(read("ladies")?.target == .subject(.woman))
            #expect(read("church")?.target == .subject(.building))
            #expect(read("harbour") == NounReading(lemma: "harbour", target: .setting(.beach), plural: false))
            // Instance hypernyms count: Paris is a city.
            #expect(read("paris")?.target == .setting(.cityStreet))
            #expect(read("entity") == nil)
            #expect(read("kite") == nil)
            _ = fixture
        }
    }

    @Test func anEmptyFolderIsNoDatabase() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("wordnet-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(WordNet(directory: empty.path) == nil)
        let vocabulary = OpenVocabulary(directory: empty.path)
        #expect(!vocabulary.isAvailable)
        #expect(vocabulary.reading(of: "wristwatch") == nil)
    }

    /// The installed Princeton database, where the set-up put it.
    @Test(.enabled(if: WordNet(directory: WordNet.defaultDirectory) != nil))
    func installedWordNetReadsTheIssuesExamples() throws {
        let wordnet = try #require(WordNet(directory: WordNet.defaultDirectory))
        func read(_ word: String) -> NounReading.Target? { OpenVocabulary.resolve(word, in: wordnet)?.target }
        #expect(read("chef") == .subject(.person))
        #expect(read("van") == .subject(.truck))
        #expect(read("stadium") == .subject(.stadium))
        #expect(read("apple") == .subject(.fruit))
        #expect(read("wristwatch") == .subject(.watch))
        #expect(read("river") == .setting(.lake))
        #expect(OpenVocabulary.resolve("horses", in: wordnet) == NounReading(lemma: "horse", target: .subject(.horse), plural: true))
    }
}
