import Foundation
import Testing
@testable import Sketch

/// Scores the compiler on the committed prompt set: the share of stated scene fields it recovers, and the share of
/// nouns drawn as a class of their own rather than a placeholder box.
@Suite struct PromptSetTests {
    struct Score {
        var stated = 0, recovered = 0, nouns = 0, ownClass = 0
        var misses: [String] = []
        var attributeShare: Double { Double(recovered) / Double(max(1, stated)) }
        var ownClassShare: Double { Double(ownClass) / Double(max(1, nouns)) }
    }

    static func score(_ vocabulary: OpenVocabulary) -> Score {
        var score = Score()
        for c in PromptSet.cases {
            let scene = PromptCompiler.compile(c.prompt, vocabulary: vocabulary)
            func check(_ ok: Bool, _ what: String) {
                score.stated += 1
                if ok { score.recovered += 1 } else { score.misses.append("\"\(c.prompt)\": \(what)") }
            }
            if let s = c.shotSize { check(scene.shotSize == s, "shot size \(s), got \(String(describing: scene.shotSize))") }
            if let a = c.angle { check(scene.angle == a, "angle \(a)") }
            if let t = c.time { check(scene.timeOfDay == t, "time \(t), got \(String(describing: scene.timeOfDay))") }
            if let s = c.setting { check(scene.setting == s, "setting \(s), got \(String(describing: scene.setting))") }
            for e in c.subjects {
                let found = scene.subjects.first { $0.nounLemma == e.noun }
                score.nouns += 1
                if let found, found.kind != .placeholder { score.ownClass += 1 }
                check(found != nil, "noun \(e.noun) missing from \(scene.subjects.map(\.nounLemma))")
                check(found?.kind == e.drawnAs, "\(e.noun) drawn as \(e.drawnAs), got \(String(describing: found?.kind))")
                if e.count > 1 { check(found?.count == e.count, "\(e.noun) count \(e.count), got \(String(describing: found?.count))") }
                if let colour = e.colour { check(found?.colour == colour, "\(e.noun) colour \(colour)") }
                if let action = e.action { check(found?.action == action, "\(e.noun) action \(action), got \(String(describing: found?.action))") }
                if let (kind, target) = e.relation {
                    let got = found?.relation.map { ($0.kind, scene.subjects[$0.target].nounLemma) }
                    check(got?.0 == kind && got?.1 == target, "\(e.noun) \(kind.rawValue) \(target), got \(String(describing: got))")
                }
            }
        }
        return score
    }

    @Test(.enabled(if: OpenVocabulary.shared.isAvailable))
    func promptSetIsRecoveredWithWordNet() {
        let score = Self.score(.shared)
        print("prompt set: \(score.recovered)/\(score.stated) attributes (\(Int((score.attributeShare * 1000).rounded()) / 10)%), "
              + "\(score.ownClass)/\(score.nouns) nouns drawn as their own class (\(Int((score.ownClassShare * 1000).rounded()) / 10)%)")
        for miss in score.misses { print("  missed \(miss)") }
        #expect(score.attributeShare >= 0.95, "\(score.misses)")
        #expect(score.ownClassShare >= 0.85)
    }

    /// Without WordNet the lexicon alone still reads every prompt, and WordNet is what draws the rest.
    @Test func withoutWordNetTheLexiconStillWorks() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("wordnet-none-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let none = OpenVocabulary(directory: empty.path)
        let scene = PromptCompiler.compile("close-up of a silver wristwatch on a marble counter", vocabulary: none)
        #expect(scene.subjects.map(\.kind) == [.placeholder, .table])
        #expect(scene.subjects.first?.label == "wristwatch" && scene.subjects.first?.colour == .silver)
        #expect(scene.unknown.contains("wristwatch"))
        let plan = SketchPlan(prompt: "close-up of a silver wristwatch on a marble counter", vocabulary: none)
        let frame = plan.frame(latent: plan.mixture.means[0].map(Float.init), width: 160, height: 90)
        #expect(Set(stride(from: 0, to: frame.pixels.count, by: 4).map { frame.pixels[$0] }).count > 8)
        if OpenVocabulary.shared.isAvailable {
            #expect(Self.score(none).ownClassShare < Self.score(.shared).ownClassShare)
        }
    }
}
