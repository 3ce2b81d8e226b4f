import ArgumentParser

/// `storyreel studio DIR`. Until the full-screen studio lands, it renders the project and says where the frames are.
struct Studio: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open a project in the studio (for now: render it and show where the frames are).")

    @Argument(help: "The project folder.")
    var folder: String = "."

    func run() throws {
        var render = Render()
        render.folder = folder
        try render.run()
        Console.out("The interactive studio is not built yet; open the PNGs in any image viewer.")
    }
}
