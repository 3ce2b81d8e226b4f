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

    @Option(help: "The model: sketch, or sd:PATH to a diffusers folder or a .safetensors checkpoint.")
    var model: String?

    @Option(help: "A LoRA file to merge at strength 1 (repeatable).")
    var lora: [String] = []

    func run() throws {
        let path = ProjectFile.path(in: folder)
        if let model, model != "sketch", !(model.hasPrefix("sd:") && model.count > 3) {
            throw Console.fail("unknown model '\(model)'; expected \"sketch\" or \"sd:PATH\" (a diffusers folder or a .safetensors checkpoint)", code: 2)
        }
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
        var project = StarterProject.make(title: name)
        // Paths typed here are relative to the shell's folder; the project file keeps them absolute.
        func absolute(_ path: String) -> String {
            path.hasPrefix("/") || path.hasPrefix("~") ? path : URL(fileURLWithPath: path).standardizedFileURL.path
        }
        if let model { project.model = model.hasPrefix("sd:") ? "sd:" + absolute(String(model.dropFirst(3))) : model }
        project.loras = lora.map { LoRAReference(path: absolute($0)) }
        let preset = DistillationPreset.detect(in: [project.model] + lora)
        if let preset { preset.apply(to: &project.defaults) }
        do {
            try ProjectFile.save(project, folder: folder)
        } catch {
            throw Console.fail(error.description, code: 1)
        }
        Console.out("Created \(path) with \(project.shots.count) shots.")
        if let preset { Console.out("Defaults: \(preset.summary).") }
        Console.out("Next: storyreel render \(folder)")
    }
}
