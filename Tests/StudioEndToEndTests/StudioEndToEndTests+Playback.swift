import Foundation
import Testing
import TestSupport

/// Playback writes pictures beside ncurses; the text ncurses draws afterwards must still land where it belongs.
extension StudioEndToEndTests {
    /// Problems with a screen captured during playback: status text off the last row, or anything but picture cells
    /// (▀ and blanks) in the preview, which spans the rows above the fields, right of the shot list's border.
    func playbackProblems(_ screen: String) -> [String] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var problems: [String] = []
        guard let bar = lines.lastIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return ["empty screen"] }
        // The save state is always there (a narrow status bar drops the cache count and the model first).
        if !lines[bar].contains("▶") || !lines[bar].contains("saved") { problems.append("no status bar on the last row: \(lines[bar])") }
        for (i, line) in lines.enumerated() where i != bar {
            for word in ["cache hits", "model sketch", "▶", "stale", "rendered"] where line.contains(word) {
                problems.append("row \(i) holds status text '\(word)': \(line)")
            }
        }
        guard let fields = lines.firstIndex(where: { $0.contains("Prompt ") }) else { return problems + ["no fields panel"] }
        var pictureCells = 0
        for i in 1..<fields {
            let parts = lines[i].split(separator: "│", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                problems.append("row \(i) lost the list border: \(lines[i])")
                continue
            }
            let stray = parts[1].filter { $0 != "▀" && $0 != " " }
            if !stray.isEmpty { problems.append("row \(i) has text in the picture: \(lines[i])") }
            pictureCells += parts[1].filter { $0 == "▀" }.count
        }
        if pictureCells < 100 { problems.append("no picture in the preview (\(pictureCells) cells)") }
        return problems
    }

    @Test func playbackKeepsTextOutOfThePictureAcrossAResize() throws {
        let folder = try project()
        defer { _ = try? tmux("kill-server") }
        try start(folder.path, session: "play")
        let ready = try wait("play") { $0.contains("all rendered") }
        #expect(ready.contains("all rendered"), "\(ready)")
        _ = try tmux("send-keys", "-t", "play", "Space")
        Thread.sleep(forTimeInterval: 1.5)
        let playing = try screen("play")
        #expect(playbackProblems(playing).isEmpty, "\(playbackProblems(playing))\n\(playing)")
        // A smaller window mid-playback: the studio lays out again, repaints and sends the pictures afresh.
        _ = try tmux("resize-window", "-t", "play", "-x", "100", "-y", "30")
        Thread.sleep(forTimeInterval: 1.5)
        let resized = try screen("play")
        #expect(resized.split(separator: "\n", omittingEmptySubsequences: false).dropLast().count == 30, "\(resized)")
        #expect(playbackProblems(resized).isEmpty, "\(playbackProblems(resized))\n\(resized)")
        _ = try tmux("send-keys", "-t", "play", "q")
        let after = try wait("play") { $0.contains("STUDIO-EXIT-") }
        #expect(after.contains("STUDIO-EXIT-0"), "\(after)")
    }
}
