import ArgumentParser

/// `storyreel bench …`: benchmarks that print figures (not tests).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run benchmarks and print figures.",
        subcommands: [BenchSketch.self, BenchMotion.self, BenchVideo.self, BenchFarm.self, BenchExport.self, BenchTerminal.self, BenchStudio.self, BenchSD.self],
        defaultSubcommand: BenchSketch.self)
}
