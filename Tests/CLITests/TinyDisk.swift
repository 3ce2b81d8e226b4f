import Foundation
import TestSupport

/// A small tmpfs mounted for one test, so "disk full" and "read-only" are real file-system answers (as root, file
/// permissions prove nothing). Call `unmount()` in a `defer`.
final class TinyDisk {
    let path: String
    private var mounted = false

    /// Mounts `size` (e.g. "400k") at a new folder under `folder`; nil, with the reason in `skipReason`, where
    /// mounting is not permitted (not root, or no CAP_SYS_ADMIN in a container).
    init?(under folder: String, size: String, skipReason: inout String) {
        path = folder + "/disk"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let result = try? runProgram("/usr/bin/env", ["mount", "-t", "tmpfs", "-o", "size=\(size),mode=0755", "tmpfs", path], timeout: 30)
        guard let result, result.status == 0 else {
            skipReason = "cannot mount a tmpfs here (\((result?.err ?? "mount did not run").trimmingCharacters(in: .whitespacesAndNewlines)))"
            return nil
        }
        mounted = true
    }

    /// Bytes still free.
    var free: Int {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return 0 }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    /// Fills the disk until `leave` bytes are free, with one file.
    func fill(leaving leave: Int) throws {
        let count = max(0, free - leave)
        try Data(count: count).write(to: URL(fileURLWithPath: path + "/filler"))
    }

    /// Makes the mount read-only; whether it worked.
    func remountReadOnly() -> Bool {
        (try? runProgram("/usr/bin/env", ["mount", "-o", "remount,ro", path], timeout: 30).status) == 0
    }

    func unmount() {
        guard mounted else { return }
        if (try? runProgram("/usr/bin/env", ["umount", path], timeout: 30).status) != 0 {
            _ = try? runProgram("/usr/bin/env", ["umount", "-l", path], timeout: 30)
        }
        mounted = false
    }

    deinit { unmount() }
}
