/// What one export run writes. Paths are as the user gave them; nil means "not this time".
public struct ExportOptions: Sendable {
    public var pdf: String?
    public var sheet: String?
    public var framesFolder: String?
    public var mp4: String?
    public var gif: String?
    public var otio: String?
    public var edl: String?
    /// Final Cut Pro 7 XML for Premiere and Resolve, with each shot's media in a folder beside it.
    public var fcpxml: String?
    /// The shot list as an RFC 4180 spreadsheet.
    public var csv: String?
    /// A Storyboarder project, with its `images/` folder beside it.
    public var storyboarder: String?
    public var layout: BoardLayout = .threeByTwo
    /// What each board panel shows of its shot's clip.
    public var boardFrames: BoardFrames = .key
    public var burnIn = false
    public var audio: String?
    /// Shown in the board's title block ("v3", "client review").
    public var version = "v1"
    /// Folders to look for `ffmpeg` in, `PATH`-style; nil means the process's `PATH`. Lets a caller (or a test)
    /// choose without changing the process environment, which other threads read.
    public var ffmpegSearchPath: String?
    /// Seconds ffmpeg may go without taking a frame or writing output before it is stopped; nil: 30 s plus 2 s per
    /// megapixel of the frame (`FFmpegEncoder.defaultStallTimeout`).
    public var ffmpegStallTimeout: Double?
    /// Leaves the prompts out of the exports' Content Credentials (`--credentials-without-prompt`).
    public var credentialsWithoutPrompt = false

    public init() {}

    /// Every kind of output by the option that asks for it (`--pdf`, or `pdf` after the studio's `:export`): the one
    /// list of them. The exporter checks, sweeps and writes manifests for these; `ExportArguments` takes its names
    /// from it, and a test holds its options to it.
    static var outputFields: [(name: String, path: WritableKeyPath<ExportOptions, String?>)] {
        [("pdf", \.pdf), ("sheet", \.sheet), ("mp4", \.mp4), ("gif", \.gif), ("otio", \.otio), ("edl", \.edl),
         ("fcpxml", \.fcpxml), ("csv", \.csv), ("storyboarder", \.storyboarder), ("frames", \.framesFolder)]
    }

    /// The option names of every kind of output, in `outputFields` order.
    public static var outputNames: [String] { outputFields.map(\.name) }

    /// Every output asked for, as the user named it.
    public var outputs: [String] {
        ExportOptions.outputFields.compactMap { self[keyPath: $0.path] }
    }

    /// Whether anything was asked for.
    public var isEmpty: Bool { outputs.isEmpty }
}
