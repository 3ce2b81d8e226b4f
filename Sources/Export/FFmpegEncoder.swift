import Foundation

/// Pipes raw RGB frames to the `ffmpeg` command into a temporary file beside the target, renamed into place only
/// when ffmpeg succeeds: a failed or interrupted encode leaves nothing under the requested name.
final class FFmpegEncoder {
    enum Kind { case mp4, gif }

    let target: String
    let temporary: String
    private let process = Process()
    private let input = Pipe()
    private let log: String

    /// The ffmpeg in the folders of `searchPath` (`PATH`-style; nil: the process's `PATH`), or nil.
    static func locate(searchPath: String? = nil) -> String? {
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/ffmpeg"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    init(kind: Kind, target: String, width: Int, height: Int, fps: Double, audio: String?, searchPath: String? = nil) throws(ExportError) {
        guard let ffmpeg = FFmpegEncoder.locate(searchPath: searchPath) else {
            throw ExportError("cannot write \(target): the ffmpeg command was not found on PATH (install the Debian package 'ffmpeg')")
        }
        self.target = target
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        let ext = kind == .mp4 ? "mp4" : "gif"
        temporary = "\(folder)/.\(url.lastPathComponent).partial-\(getpid()).\(ext)"
        log = "\(folder)/.\(url.lastPathComponent).ffmpeg-\(getpid()).log"
        var args = ["-hide_banner", "-loglevel", "error", "-y",
                    "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "\(width)x\(height)", "-r", String(fps), "-i", "-"]
        if let audio, kind == .mp4 { args += ["-i", audio] }
        switch kind {
        case .mp4:
            args += ["-c:v", "libx264", "-preset", "ultrafast", "-tune", "animation", "-crf", "20", "-pix_fmt", "yuv420p", "-movflags", "+faststart"]
            if audio != nil { args += ["-c:a", "aac", "-b:a", "160k", "-shortest", "-map", "0:v:0", "-map", "1:a:0"] }
        case .gif:
            args += ["-vf", "split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=bayer:bayer_scale=4", "-loop", "0"]
        }
        args.append(temporary)
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = args
        process.standardInput = input
        FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: log)
        process.standardOutput = FileHandle.nullDevice
        // A dying ffmpeg must surface as an error on write, not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        do {
            try process.run()
        } catch {
            throw ExportError("cannot start ffmpeg: \(error.localizedDescription)")
        }
    }

    func write(_ frame: [UInt8]) throws(ExportError) {
        do {
            try frame.withUnsafeBytes { try input.fileHandleForWriting.write(contentsOf: Data($0)) }
        } catch {
            throw failure("ffmpeg stopped reading frames")
        }
    }

    /// Waits for ffmpeg and moves the file into place.
    func finish() throws(ExportError) {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw failure("ffmpeg failed with status \(process.terminationStatus)") }
        try? FileManager.default.removeItem(atPath: log)
        if rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ExportError("cannot move the encoded file into place at \(target): \(reason)")
        }
    }

    /// Stops ffmpeg and removes what it wrote.
    func abandon() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        unlink(temporary)
        unlink(log)
    }

    private func failure(_ what: String) -> ExportError {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.waitUntilExit() }
        let said = (try? String(contentsOfFile: log, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        unlink(temporary)
        unlink(log)
        let tail = said.split(separator: "\n").suffix(4).joined(separator: " / ")
        return ExportError("cannot write \(target): \(what)\(tail.isEmpty ? "" : "; ffmpeg said: \(tail)")")
    }
}
