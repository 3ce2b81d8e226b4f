#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Project
import SafeText

/// Pipes raw RGB frames to the `ffmpeg` command into a temporary file beside the target, renamed into place only
/// when ffmpeg succeeds: a failed, hung or interrupted encode leaves nothing under the requested name.
///
/// A watchdog stops an ffmpeg that makes no progress (takes no frame bytes and grows no output) for `stallTimeout`
/// seconds: SIGTERM to its process group, then SIGKILL after `grace`. Its stderr is kept in memory, the last 64 KiB
/// only, and the end of it is quoted, sanitised, in the error.
final class FFmpegEncoder {
    enum Kind { case mp4, gif }

    let target: String
    let temporary: String
    /// Seconds without progress after which ffmpeg is taken to be hung.
    let stallTimeout: Double
    /// Seconds between SIGTERM and SIGKILL.
    static let grace = 2.0
    private let child: ChildProcess
    private var errors = ByteRing(capacity: 64 << 10)
    private var lastProgress = Monotonic.now
    private var lastSize: Int64 = -1

    /// The ffmpeg in the folders of `searchPath` (`PATH`-style; nil: the process's `PATH`), or nil.
    static func locate(searchPath: String? = nil) -> String? {
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/ffmpeg"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The default stall timeout for frames of this size: 30 s, plus 2 s per megapixel, since after the last
    /// frame ffmpeg may work through its buffered frames (x264's lookahead, the GIF palette) before writing more.
    static func defaultStallTimeout(width: Int, height: Int) -> Double {
        30 + 2 * Double(width * height) / 1_000_000
    }

    init(kind: Kind, target: String, width: Int, height: Int, fps: Double, audio: String?, searchPath: String? = nil,
         stallTimeout: Double? = nil) throws(ExportError) {
        guard let ffmpeg = FFmpegEncoder.locate(searchPath: searchPath) else {
            throw ExportError("cannot write \(target): the ffmpeg command was not found on PATH (install the Debian package 'ffmpeg')")
        }
        self.target = target
        self.stallTimeout = stallTimeout ?? FFmpegEncoder.defaultStallTimeout(width: width, height: height)
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        let ext = kind == .mp4 ? "mp4" : "gif"
        temporary = "\(folder)/.\(url.lastPathComponent).partial-\(getpid()).\(ext)"
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
        // A dying ffmpeg must surface as an error on write (EPIPE), not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        child = try ChildProcess(executable: ffmpeg, arguments: args)
    }

    /// Sends one frame, waiting while ffmpeg's pipe is full; throws if ffmpeg exits or stalls meanwhile.
    func write(_ frame: [UInt8]) throws(ExportError) {
        var done = 0
        while done < frame.count {
            let n = frame.withUnsafeBytes { Glibc.write(child.stdin, $0.baseAddress! + done, $0.count - done) }
            if n > 0 {
                done += n
                lastProgress = Monotonic.now
            } else if n < 0 && errno == EAGAIN {
                try waitForProgress(writing: true)
            } else if !(n < 0 && errno == EINTR) {
                throw failure("ffmpeg stopped reading frames")
            }
        }
    }

    /// Ends the input, waits for ffmpeg to finish (under the watchdog) and moves the file into place durably.
    func finish() throws(ExportError) {
        child.closeInput()
        while child.reap() == nil { try waitForProgress(writing: false) }
        child.readErrors(into: &errors)
        guard let status = child.status, status == 0 else { throw failure("ffmpeg \(FFmpegEncoder.describe(child.status))") }
        let fd = open(temporary, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("ffmpeg exited without writing \(temporary)") }
        let synced = fsync(fd) == 0
        let reason = String(cString: strerror(errno))
        close(fd)
        guard synced else { throw failure("cannot flush the encoded file to disk: \(reason)") }
        if rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ExportError("cannot move the encoded file into place at \(target): \(reason)")
        }
        // The rename is durable only once the folder entry is on disk.
        let folder = open(URL(fileURLWithPath: target).deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    /// Stops ffmpeg (and whatever it started) and removes what it wrote.
    func abandon() {
        child.closeInput()
        child.stop(grace: FFmpegEncoder.grace)
        unlink(temporary)
    }

    /// Waits up to a quarter second for stdin to take bytes (when `writing`) or for ffmpeg to exit, reading its
    /// stderr meanwhile; stops ffmpeg and throws once it has made no progress for `stallTimeout` seconds.
    private func waitForProgress(writing: Bool) throws(ExportError) {
        var fds = [pollfd(fd: writing ? child.stdin : -1, events: Int16(POLLOUT), revents: 0),
                   pollfd(fd: child.stderr, events: Int16(POLLIN), revents: 0)]
        _ = Glibc.poll(&fds, 2, 250)
        child.readErrors(into: &errors)
        var info = stat()
        if stat(temporary, &info) == 0, Int64(info.st_size) != lastSize {
            lastSize = Int64(info.st_size)
            lastProgress = Monotonic.now
        }
        guard Monotonic.now - lastProgress > stallTimeout, child.reap() == nil else { return }
        child.stop(grace: FFmpegEncoder.grace)
        child.readErrors(into: &errors)
        unlink(temporary)
        throw ExportError("cannot write \(target): ffmpeg made no progress for \(FFmpegEncoder.seconds(stallTimeout)) "
            + "(took no frame, wrote no output), so it was stopped\(quoted)")
    }

    /// Closes the input, waits (under the watchdog) for ffmpeg to exit, removes its file; the error to throw.
    private func failure(_ what: String) -> ExportError {
        child.closeInput()
        while child.reap() == nil {
            do { try waitForProgress(writing: false) } catch { return error }
        }
        child.readErrors(into: &errors)
        unlink(temporary)
        return ExportError("cannot write \(target): \(what)\(quoted)")
    }

    /// "; ffmpeg said: …": its last four non-empty lines of stderr, at most 600 characters, sanitised.
    private var quoted: String {
        let text = String(decoding: errors.bytes, as: UTF8.self)
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var tail = lines.suffix(4).joined(separator: " / ")
        if tail.count > 600 { tail = "…" + tail.suffix(600) }
        if tail.isEmpty { return "" }
        let kept = errors.dropped > 0 ? " (the last \(errors.capacity >> 10) KiB of \(errors.dropped + errors.capacity) bytes kept)" : ""
        return "; ffmpeg said\(kept): \(TerminalText.sanitised(tail))"
    }

    /// "exited with status 1", "was killed by signal 9".
    static func describe(_ status: Int32?) -> String {
        guard let status else { return "did not exit" }
        let signal = status & 0x7F
        return signal == 0 ? "exited with status \((status >> 8) & 0xFF)" : "was killed by signal \(signal)"
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
