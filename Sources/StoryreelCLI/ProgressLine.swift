import Foundation
import Render

/// Progress on stderr: one line redrawn in place on a terminal, plain lines when redirected.
final class ProgressLine {
    let enabled: Bool
    let total: Int
    let live = Console.stderrIsTerminal
    private var current = ""
    private var index = 0

    init(enabled: Bool, total: Int) {
        self.enabled = enabled
        self.total = total
    }

    func start(id: String, index: Int) {
        current = id
        self.index = index
    }

    func step(_ step: Int, of steps: Int, window: (index: Int, count: Int)? = nil) {
        guard enabled, live else { return }
        let width = 20
        let filled = width * step / max(1, steps)
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let clip = window.map { " clip window \($0.index + 1)/\($0.count)," } ?? ""
        draw("[\(index + 1)/\(total)] \(current)\(clip) \(bar) step \(step)/\(steps)")
    }

    func finish(_ result: ShotRenderResult) {
        guard enabled else { return }
        let ms = Int((result.seconds * 1000).rounded())
        let line = "[\(index + 1)/\(total)] \(result.shotID) \(result.status.rawValue) in \(ms) ms → \(result.png)"
        if live { draw(line) } else { Console.err(line) }
    }

    func warn(_ text: String) {
        clear()
        Console.err("storyreel: warning: \(text)")
    }

    func clear() {
        if enabled && live { Console.redraw("") }
    }

    private func draw(_ text: String) {
        Console.redraw(text)
    }
}
