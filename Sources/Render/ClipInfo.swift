/// What a shot's clip is on disk: `drawings` PNGs `0001.png …` in `folder`, drawn at `drawingsPerSecond`.
public struct ClipInfo: Sendable, Equatable {
    /// Number of drawings (1 for a shot that holds still).
    public var drawings: Int
    public var drawingsPerSecond: Int
    /// Folder of the drawings relative to the project folder ("clips/s01").
    public var folder: String
    /// Identity of the clip: the key drawing's render key and every input that changes the motion.
    public var key: RenderKey
    /// Drawings (re)written by this render; 0 when every file already held its drawing.
    public var wroteDrawings: Int
    /// Denoiser calls the clip took now (a video model's windows; 0 for the sketch model and for cached windows).
    public var denoiserCalls: Int = 0

    /// Path of drawing `index` (0-based) relative to the project folder.
    public func drawingPath(_ index: Int) -> String { folder + "/" + ClipInfo.fileName(index) }

    /// `0001.png` for drawing 0.
    public static func fileName(_ index: Int) -> String {
        let n = String(index + 1)
        return String(repeating: "0", count: max(0, 4 - n.count)) + n + ".png"
    }
}
