#if canImport(Glibc)
import Glibc
#endif
import Digest
import Foundation
import Storage

/// The `.manifest.json` files beside one export's outputs, kept true to the files they list even when the export
/// fails part-way: a manifest that exists always matches its files' SHA-256, or is absent.
///
/// Before any output is replaced, the old manifests are retired (read into memory and removed): each lists the
/// previous run's files, and the first replaced output would make it lie. A run that completes writes new ones; a run
/// that fails writes one beside each output it did replace (listing what it wrote) and puts an old one back only
/// where every file it lists is still the same.
final class ManifestSet {
    /// The outputs as given (a frames folder may end in "/").
    let outputs: [String]
    /// Old manifest bytes by manifest path, for the ones retired.
    private var retired: [String: [UInt8]] = [:]

    init(outputs: [String]) {
        self.outputs = outputs
    }

    /// `OUTPUT.manifest.json`.
    static func path(for output: String) -> String {
        (output.hasSuffix("/") ? String(output.dropLast()) : output) + ".manifest.json"
    }

    /// Reads and removes the existing manifests; throws if one cannot be removed (then nothing was replaced yet).
    func retire() throws(StorageError) {
        for output in outputs {
            let path = ManifestSet.path(for: output)
            guard let bytes = try? FileReader.read(path, limit: 64 << 20) else { continue }
            guard unlink(path) == 0 else { throw StorageError(path: path, errno: errno, doing: "remove the old manifest") }
            retired[path] = bytes
            ManifestSet.syncFolder(of: path)
        }
    }

    /// Writes `manifest` beside every output; the paths written.
    func write(_ manifest: String) throws(StorageError) -> [String] {
        var paths: [String] = []
        for output in outputs {
            let path = ManifestSet.path(for: output)
            try AtomicFile.write(manifest, to: path)
            paths.append(path)
        }
        return paths
    }

    /// After a failure: `manifest` (nil if it could not be made) beside each output among `written`, an old
    /// manifest back where its files are unchanged, none elsewhere. Best effort: a manifest that cannot be written
    /// is left absent, never half-written.
    func salvage(written: [String], manifest: String?) {
        for output in outputs {
            let path = ManifestSet.path(for: output)
            let folder = output.hasSuffix("/") ? output : output + "/"
            let replaced = written.contains { $0 == output || $0.hasPrefix(folder) }
            if replaced, let manifest {
                if (try? AtomicFile.write(manifest, to: path)) == nil { unlink(path) }
            } else if !replaced, let old = retired[path], ManifestSet.matchesFiles(old) {
                if (try? AtomicFile.write(old, to: path)) == nil { unlink(path) }
            }
        }
    }

    /// Whether every file a manifest lists exists with the SHA-256 it records.
    static func matchesFiles(_ manifest: [UInt8]) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: Data(manifest)) as? [String: Any],
              let files = object["files"] as? [[String: Any]] else { return false }
        return files.allSatisfy { entry in
            guard let file = entry["path"] as? String, let sha = entry["sha256"] as? String,
                  let bytes = try? FileReader.read(file, limit: 4 << 30) else { return false }
            return SHA256.hex(SHA256.hash(bytes)) == sha
        }
    }

    /// Makes a removal or rename in the folder of `path` durable.
    static func syncFolder(of path: String) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            _ = fsync(fd)
            close(fd)
        }
    }
}
