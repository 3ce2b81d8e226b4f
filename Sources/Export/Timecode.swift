/// SMPTE non-drop timecode (HH:MM:SS:FF) at an integer frame rate.
enum Timecode {
    static func string(frame: Int, fps: Int) -> String {
        let f = frame % fps, totalSeconds = frame / fps
        let s = totalSeconds % 60, m = (totalSeconds / 60) % 60, h = totalSeconds / 3600
        return [h, m, s, f].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
    }
}
