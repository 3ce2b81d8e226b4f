import ArgumentParser
import JSON
import Project
import Sketch

/// `storyreel explain "PROMPT"`: what the sketch model reads in a prompt.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the scene the sketch model understands from a prompt.",
        discussion: "Fields the prompt says nothing about are null in --json output and 'default: …' in text output.")

    @Argument(help: "The prompt, in quotes.")
    var prompt: String

    @Option(help: "A negative prompt; subjects it names are left out.")
    var negative: String = ""

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        let plan = SketchPlan(prompt: prompt, negative: negative)
        let vocabulary = OpenVocabulary.shared
        if json {
            guard case .object(var members) = plan.scene.json else { return }
            // Where open-vocabulary nouns were read from, or null when WordNet is missing.
            members.append(("wordnet", vocabulary.isAvailable ? .string(vocabulary.directory) : .null))
            Console.out(JSONValue.object(members).serialized())
            return
        }
        let s = plan.scene, r = plan.resolved
        func line(_ name: String, _ said: String?, _ resolved: String) {
            Console.out("\(name.padding(12)) \(said ?? "default: \(resolved)")")
        }
        line("shot size", s.shotSize?.rawValue, r.shotSize.rawValue)
        line("angle", s.angle?.rawValue, r.angle.rawValue)
        line("time of day", s.timeOfDay?.rawValue, r.timeOfDay.rawValue)
        line("setting", s.setting.map { setting in s.settingNoun.map { "\($0) (drawn as \(setting.rawValue))" } ?? setting.rawValue },
             r.setting.rawValue)
        Console.out("camera move".padding(12) + " " + (s.cameraMove?.rawValue ?? "none"))
        if s.subjects.isEmpty { Console.out("subjects".padding(12) + " none") }
        var shown = 0
        for (i, subject) in s.subjects.enumerated() {
            // A counted group is one line ("3 × horse").
            if i < shown { continue }
            shown = i + max(1, subject.count)
            var words = [subject.label.map { "\"\($0)\" (placeholder)" }
                ?? subject.noun.map { "\($0) (drawn as \(subject.kind.rawValue))" } ?? subject.kind.rawValue]
            if let c = subject.colour { words.insert(c.rawValue, at: 0) }
            if subject.count > 1 { words.insert("\(subject.count) ×", at: 0) }
            if let a = subject.action { words.append(a.rawValue) }
            if let p = subject.placement.description { words.append("at \(p)") }
            if let r = subject.relation, r.target < s.subjects.count { words.append("\(r.kind.rawValue) \(s.subjects[r.target].nounLemma)") }
            Console.out((i == 0 ? "subjects" : "").padding(12) + " " + words.joined(separator: " "))
        }
        if !s.unknown.isEmpty { Console.out("not understood".padding(12) + " " + s.unknown.joined(separator: ", ")) }
        if !vocabulary.isAvailable {
            Console.out("wordnet".padding(12) + " missing (\(vocabulary.directory)): only the built-in lexicon is read; install wordnet-base")
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
