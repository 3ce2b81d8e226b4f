import ArgumentParser
import Foundation

@main
struct Storyreel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storyreel",
        abstract: "A terminal studio for storyboards and animatics.",
        discussion: """
            A project is a folder with a storyboard.toml. Start one with 'storyreel new DIR', render its keyframes \
            with 'storyreel render DIR', and ask what the sketch model reads in a prompt with 'storyreel explain'.
            """,
        version: "0.1.0",
        subcommands: [New.self, Render.self, Explain.self, ExportProject.self, Import.self, FarmCommand.self, Show.self, Studio.self, CredentialsCommand.self, Bench.self],
        defaultSubcommand: Studio.self)

    /// ArgumentParser's `main`, except that what it prints (usage errors quote the arguments as typed) goes
    /// through `Console`, so a hostile argument cannot reach the terminal raw.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            // Help and version are results (stdout); everything else is an error (stderr).
            if !message.isEmpty { Console.write(message + "\n", to: code == .success ? 1 : 2) }
            // A usage error is bad input: 2, as for every other (ArgumentParser's own code is 64).
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
