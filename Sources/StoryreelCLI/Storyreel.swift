import ArgumentParser

@main
struct Storyreel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "storyreel", abstract: "A terminal studio for storyboards and animatics.")
}
