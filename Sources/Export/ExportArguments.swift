import ArgumentParser

/// An export's outputs and settings as options. `storyreel export` and the studio's `:export` both parse them here,
/// so they accept the same words, check them the same way and say the same thing when one is wrong.
public struct ExportArguments: ParsableArguments, Sendable {
    @Option(help: "A storyboard PDF.") public var pdf: String?
    @Option(help: "The board as one PNG contact sheet.") public var sheet: String?
    @Option(help: "A folder for the key drawings as PNGs named in cut order, and each moving clip's drawings in a folder beside its key drawing.") public var frames: String?
    @Option(help: "The animatic as H.264 MP4 (needs ffmpeg).") public var mp4: String?
    @Option(help: "The animatic as an animated GIF (needs ffmpeg).") public var gif: String?
    @Option(help: "An OpenTimelineIO timeline.") public var otio: String?
    @Option(help: "A CMX 3600 EDL.") public var edl: String?
    @Option(help: "Final Cut Pro 7 XML for Premiere Pro and DaVinci Resolve (each shot's media in FILE_media/ beside it).")
    public var fcpxml: String?
    @Option(help: "The shot list as a spreadsheet (RFC 4180 CSV).") public var csv: String?
    @Option(help: "A Storyboarder project (its images/ folder beside it).") public var storyboarder: String?
    @Option(help: "Board layout: 2x3, 3x2, 3x3 or 1up.") public var layout: String = "3x2"
    @Flag(help: "Burn shot id and timecode into the animatic.") public var burnIn = false
    @Option(help: "A temp audio track for the MP4.") public var audio: String?
    @Option(help: "Version label in the board's title block.") public var version: String = "v1"
    @Option(help: "What each board panel shows: key (the key drawing) or first-last (the last drawing inset).")
    public var boardFrames: String = "key"
    @Flag(help: "Leave the prompts out of the exports' Content Credentials.") public var credentialsWithoutPrompt = false

    public init() {}

    /// Options that take a value and flags, by name; the studio lets them go without their dashes.
    public static let valueNames = Set(ExportOptions.outputNames + ["layout", "audio", "version", "board-frames"])
    public static let flagNames: Set<String> = ["burn-in", "credentials-without-prompt"]

    /// What to write. An unknown layout is bad input.
    public func options() throws(ExportError) -> ExportOptions {
        guard let boardLayout = BoardLayout(rawValue: layout) else {
            throw ExportError("unknown layout '\(layout)'; expected one of \(BoardLayout.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let panels = BoardFrames(rawValue: boardFrames) else {
            throw ExportError("unknown board frames '\(boardFrames)'; expected one of \(BoardFrames.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var options = ExportOptions()
        options.boardFrames = panels
        options.pdf = pdf
        options.sheet = sheet
        options.framesFolder = frames
        options.mp4 = mp4
        options.gif = gif
        options.otio = otio
        options.edl = edl
        options.layout = boardLayout
        options.burnIn = burnIn
        options.audio = audio
        options.version = version
        options.credentialsWithoutPrompt = credentialsWithoutPrompt
        options.fcpxml = fcpxml
        options.csv = csv
        options.storyboarder = storyboarder
        return options
    }

    /// Parses the words after the studio's `:export`: `pdf board.pdf mp4 cut.mp4 layout 3x3 burn-in`, with or without
    /// the `--` of `storyreel export`, whose parser then reads them.
    public static func parse(words: [String]) throws(ExportError) -> ExportOptions {
        var arguments: [String] = []
        var valueNext = false
        for word in words {
            if valueNext {
                arguments.append(word)
                valueNext = false
                continue
            }
            let name = word.hasPrefix("--") ? String(word.dropFirst(2)) : word
            if valueNames.contains(name) {
                arguments.append("--" + name)
                valueNext = true
            } else if flagNames.contains(name) {
                arguments.append("--" + name)
            } else {
                arguments.append(word)
            }
        }
        let parsed: ExportArguments
        do {
            parsed = try ExportArguments.parse(arguments)
        } catch {
            throw ExportError(ExportArguments.message(for: error))
        }
        return try parsed.options()
    }

    /// The options as `--help` lists them.
    public static var usage: String { helpMessage() }
}
