/// A render's progress as a bar of block characters with its count, e.g. `▕████▌     ▏ 12/20`.
public enum ProgressBar {
    /// The partial blocks for 1…7 eighths of a cell, so the bar moves every step even when it is narrow.
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// `done` of `total` in a bar `width` cells wide between ▕ and ▏, then the count.
    public static func text(done: Int, of total: Int, width: Int = 10) -> String {
        let total = max(1, total), done = max(0, min(done, total)), width = max(1, width)
        let filled = done * width * 8 / total
        var bar = String(repeating: "█", count: filled / 8)
        if filled % 8 > 0 { bar.append(eighths[filled % 8 - 1]) }
        bar += String(repeating: " ", count: width - bar.count)
        return "▕" + bar + "▏ \(done)/\(total)"
    }
}
