#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Removes temporary files a killed writer left behind: atomic writes (`.NAME.tmp-PID-XXXXXX`), PDFs and
/// animatics being encoded (`.NAME.partial-PID…`) and ffmpeg's log (`.NAME.ffmpeg-PID.log`), see `LeftoverName`.
///
/// A file goes only when its writer cannot still be writing it: the pid in its name is gone, or was reused by a
/// process that started after the file was last written (`WriterProcess`). Pid-less temporaries from older
/// versions go when they are older than the sweeping process itself, and only inside a project, whose lock the
/// caller holds. So a sweep never pulls a file from under a live writer, even one exporting into this folder from
/// another project, or sharing this cache.
public enum LeftoverSweeper {
    /// Deletes leftovers in the project folder, its frames, its clips and its cache; returns how many went. Call it holding
    /// the project lock.
    @discardableResult
    public static func sweep(projectFolder: String) -> Int {
        let fm = FileManager.default
        // The project folder (storyboard.toml), frames, .storyreel (the studio's recovery file) and the cache.
        var folders = [projectFolder, projectFolder + "/frames", projectFolder + "/.storyreel"]
        // Each shot's clip folder.
        let clips = projectFolder + "/clips"
        for shot in (try? fm.contentsOfDirectory(atPath: clips)) ?? [] { folders.append(clips + "/" + shot) }
        let cache = projectFolder + "/.storyreel/cache/latents"
        for shard in (try? fm.contentsOfDirectory(atPath: cache)) ?? [] { folders.append(cache + "/" + shard) }
        let started = WriterProcess.startTime(of: getpid()) ?? Date()
        return folders.reduce(0) { $0 + sweep(folder: $1, targets: nil, pidlessBefore: started) }
    }

    /// Deletes leftovers meant to become `path` or its manifest (`PATH.manifest.json`), beside it.
    @discardableResult
    public static func sweep(beside path: String) -> Int {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        return sweep(folder: url.deletingLastPathComponent().path, targets: [name, name + ".manifest.json"], pidlessBefore: nil)
    }

    /// How old another host's temporary must be before a sweep here takes it for abandoned.
    public static let foreignAge: Double = 24 * 3600

    /// Deletes leftovers in `folder` whose writer is gone: any target when `targets` is nil. Pid-less ones are
    /// removed only when `pidlessBefore` is given and they were last written before it.
    @discardableResult
    public static func sweep(folder: String, targets: Set<String>?, pidlessBefore: Date?) -> Int {
        var removed = 0
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            guard let leftover = LeftoverName(name), targets?.contains(leftover.target) ?? true else { continue }
            let path = folder + "/" + name
            var info = stat()
            // Only plain files: a folder or link that happens to match is not ours.
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let written = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
            let gone: Bool
            if !leftover.isFromThisHost {
                // Another machine's writer: its pid means nothing here, so only age tells (a render farm task that
                // has not touched its temporary in a day is gone).
                gone = Date().timeIntervalSince(written) > foreignAge
            } else if let pid = leftover.pid {
                gone = WriterProcess.isGone(pid: pid, lastWritten: written)
            } else {
                gone = pidlessBefore.map { written < $0 } ?? false
            }
            if gone && unlink(path) == 0 { removed += 1 }
        }
        return removed
    }
}
