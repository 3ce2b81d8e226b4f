import ArgumentParser
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
        if json {
            Console.out(plan.scene.json.serialized())
            return
        }
        let s = plan.scene, r = plan.resolved
        func line(_ name: String, _ said: String?, _ resolved: String) {
            Console.out("\(name.padding(12)) \(said ?? "default: \(resolved)")")
        }
        line("shot size", s.shotSize?.rawValue, r.shotSize.rawValue)
        line("angle", s.angle?.rawValue, r.angle.rawValue)
        line("time of day", s.timeOfDay?.rawValue, r.timeOfDay.rawValue)
        line("setting", s.setting?.rawValue, r.setting.rawValue)
        Console.out("camera move".padding(12) + " " + (s.cameraMove?.rawValue ?? "none"))
        if s.subjects.isEmpty { Console.out("subjects".padding(12) + " none") }
        for (i, subject) in s.subjects.enumerated() {
            var words = [subject.label.map { "\"\($0)\" (placeholder)" } ?? subject.kind.rawValue]
            if let c = subject.colour { words.insert(c.rawValue, at: 0) }
            if let a = subject.action { words.append(a.rawValue) }
            if let p = subject.placement.description { words.append("at \(p)") }
            Console.out((i == 0 ? "subjects" : "").padding(12) + " " + words.joined(separator: " "))
        }
        if !s.unknown.isEmpty { Console.out("not understood".padding(12) + " " + s.unknown.joined(separator: ", ")) }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
