import ArgumentParser

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
        subcommands: [New.self, Render.self, Explain.self, ExportProject.self, Import.self, Show.self, Studio.self, CredentialsCommand.self, Bench.self],
        defaultSubcommand: Studio.self)
}
