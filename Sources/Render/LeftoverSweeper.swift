import Foundation

/// Removes temporary files a killed writer left behind (atomic writes go through `.NAME.tmp-XXXXXX` beside the
/// target). Only safe while holding the project lock, when no other writer can be mid-write.
public enum LeftoverSweeper {
    /// Deletes leftovers in the frames folder and the cache; returns how many went.
    @discardableResult
    public static func sweep(projectFolder: String) -> Int {
        let fm = FileManager.default
        // The project folder (storyboard.toml), frames, .storyreel (the studio's recovery file) and the cache.
        var folders = [projectFolder, projectFolder + "/frames", projectFolder + "/.storyreel"]
        let cache = projectFolder + "/.storyreel/cache/latents"
        for shard in (try? fm.contentsOfDirectory(atPath: cache)) ?? [] { folders.append(cache + "/" + shard) }
        var removed = 0
        for folder in folders {
            for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(".") && name.contains(".tmp-") {
                if (try? fm.removeItem(atPath: folder + "/" + name)) != nil { removed += 1 }
            }
        }
        return removed
    }
}
