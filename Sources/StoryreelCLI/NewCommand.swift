import ArgumentParser
import Foundation
import Project
import Storage

/// `storyreel new DIR`: a project folder with a storyboard.toml and starter shots.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a project folder with a storyboard.toml and a few starter shots.")

    @Argument(help: "The folder to create (its parent must exist).")
    var folder: String

    @Option(help: "The project's title.")
    var title: String?

    func run() throws {
        let path = ProjectFile.path(in: folder)
        if FileReader.exists(path) {
            throw Console.fail("\(path) already exists; not overwriting a project", code: 2)
        }
        // An existing empty or unrelated folder is fine: only storyboard.toml is written. Any other failure is
        // reported with the system's words (read-only, no space, no parent folder).
        if mkdir(folder, 0o755) != 0 {
            let reason = errno
            var isFolder: ObjCBool = false
            if reason != EEXIST {
                throw Console.fail("cannot create \(folder): \(String(cString: strerror(reason)))", code: 1)
            } else if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
                throw Console.fail("cannot create \(folder): a file of that name is in the way", code: 1)
            }
        }
        let name = title ?? URL(fileURLWithPath: folder).lastPathComponent
        do {
            try ProjectFile.save(StarterProject.make(title: name), folder: folder)
        } catch {
            throw Console.fail(error.description, code: 1)
        }
        Console.out("Created \(path) with \(StarterProject.make(title: name).shots.count) shots.")
        Console.out("Next: storyreel render \(folder)")
    }
}
