import ArgumentParser
import Foundation
import Studio
import StudioTerminal

/// `storyreel studio DIR` (and `storyreel` alone inside a project folder): the full-screen studio.
struct Studio: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open a project in the full-screen studio (press ? inside for the keys).")

    @Argument(help: "The project folder.")
    var folder: String = "."

    @Option(help: "A theme from Themes/NAME.toml (in the project folder, beside the program, or ~/.config/storyreel/themes).")
    var theme: String?

    @Option(help: "Keys from Keymaps/NAME.toml (in the project folder, beside the program, or ~/.config/storyreel/keymaps); keys it leaves out keep their defaults.")
    var keymap: String?

    func run() throws {
        let project = try Console.loadProject(folder)
        var warnings: [String] = []
        let chosen = try loadTheme(&warnings)
        let keys = try loadKeymap(&warnings)
        guard isatty(0) == 1 && isatty(1) == 1 else {
            throw Console.fail("the studio needs a terminal; use 'storyreel render' or 'storyreel export' in scripts", code: 2)
        }
        let app = StudioApp(folder: folder, project: project, theme: chosen, keymap: keys, warnings: warnings)
        do {
            try app.run()
        } catch {
            throw Console.fail("\(error)", code: 1)
        }
        Console.out("Saved \(folder)/storyboard.toml")
        if let edit = app.keptEdit {
            Console.out("The unfinished edit of \(edit.shotID) \(edit.field.rawValue) is kept in \(folder)/.storyreel/recovery.json; the next studio offers it.")
        }
    }

    func loadTheme(_ warnings: inout [String]) throws -> Theme {
        guard let name = theme else { return .standard }
        return try load(name, folder: "Themes", home: "themes", what: "theme", warnings: &warnings) { try Theme.load($0, name: $1) }
    }

    func loadKeymap(_ warnings: inout [String]) throws -> Keymap {
        guard let name = keymap else { return .standard }
        return try load(name, folder: "Keymaps", home: "keymaps", what: "keymap", warnings: &warnings) { try Keymap.load($0, name: $1) }
    }

    /// Reads `NAME.toml` from the first of the places a theme or keymap may be, printing its warnings.
    func load<T>(_ name: String, folder kind: String, home: String, what: String, warnings: inout [String],
                 _ parse: (String, String) throws -> (T, [String])) throws -> T {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        var places = [folder + "/" + kind, FileManager.default.currentDirectoryPath + "/" + kind]
        // A build tree keeps the repository's files three folders up from the binary.
        places.append(executable.appendingPathComponent("../../../" + kind).standardized.path)
        places.append(NSHomeDirectory() + "/.config/storyreel/" + home)
        for place in places {
            let path = place + "/" + name + ".toml"
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            do {
                let (loaded, found) = try parse(text, path)
                for w in found { Console.err("storyreel: warning: \(w)") }
                warnings += found
                return loaded
            } catch {
                throw Console.fail("\(path): \(error)", code: 2)
            }
        }
        throw Console.fail("no \(what) '\(name)'; looked in \(places.joined(separator: ", "))", code: 2)
    }
}
