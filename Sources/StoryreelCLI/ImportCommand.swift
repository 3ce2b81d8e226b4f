import ArgumentParser
import Export
import Foundation
import Imaging
import Interchange
import Project
import Storage

/// `storyreel import FILE DIR`: a shot list (CSV), a Storyboarder board, or an editor's cut (OTIO, FCP7 XML, EDL)
/// into a project. The project file is replaced atomically or not at all; nothing is rendered.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring a shot list, a Storyboarder board or an edited cut into a project.",
        discussion: """
            FILE.csv: a shot list (a header row with at least id and prompt); creates DIR's project, or updates it by \
            shot id (new ids added, the sheet's order, unknown columns kept as shot keys). FILE.storyboarder: boards \
            become shots (timing, dialogue, action, notes; the board image is named in the notes; no prompt is \
            invented for boards drawn in Storyboarder). FILE.otio, FILE.xml (Final Cut Pro 7) or FILE.edl: the \
            editor's durations and order, matched by clip name = shot id; re-timing re-renders nothing.
            """)

    @Argument(help: "The file to import: .csv, .storyboarder, .otio, .xml or .edl.")
    var file: String

    @Argument(help: "The project folder (created for a .csv or .storyboarder when it has no project yet).")
    var folder: String = "."

    func run() throws {
        let kind = (file as NSString).pathExtension.lowercased()
        guard FileManager.default.isReadableFile(atPath: file) else { throw Console.fail("cannot read \(file)", code: 2) }
        let exists = FileReader.exists(ProjectFile.path(in: folder))
        if !exists && !["csv", "storyboarder"].contains(kind) {
            throw Console.fail("no project in \(folder) to re-time; a cut (.\(kind)) updates an existing project", code: 2)
        }
        if !exists && mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw Console.fail("cannot create \(folder): \(String(cString: strerror(errno)))", code: 1)
        }
        let lock = try Console.lockProject(folder, purpose: "storyreel import")
        defer { withExtendedLifetime(lock) {} }
        let title = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let project = exists ? try Console.loadProject(folder) : Project(title: title)
        let (updated, report) = try imported(kind: kind, into: project)
        do {
            try ProjectFile.save(updated, folder: folder)
        } catch {
            throw Console.fail(error.description, code: 1)
        }
        for line in report { Console.out(line) }
        Console.out("\(exists ? "Updated" : "Created") \(ProjectFile.path(in: folder)): \(updated.shots.count) shots, \(ShotListSummary.seconds(updated.runningTime)) s.")
    }

    func imported(kind: String, into project: Project) throws -> (Project, [String]) {
        switch kind {
        case "csv":
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw Console.fail("\(file): not UTF-8 text; save the sheet as CSV UTF-8", code: 2)
            }
            let sheet: (shots: [Shot], columns: [String])
            do {
                sheet = try ShotList.shots(fromCSV: text, file: file)
            } catch {
                throw Console.fail(error.description, code: 2)
            }
            guard !sheet.shots.isEmpty else { throw Console.fail("\(file): no rows after the header", code: 2) }
            return ShotList.merge(sheet.shots, columns: sheet.columns, into: project)
        case "storyboarder":
            let sheet: (shots: [Shot], columns: [String])
            do {
                sheet = try StoryboarderBoards.shots(StoryboarderBoards.read(file), file: file)
            } catch {
                throw Console.fail(error.description, code: 2)
            }
            return ShotList.merge(sheet.shots, columns: sheet.columns, into: project)
        case "otio", "xml", "edl":
            let result: (project: Project, report: [String])
            do {
                result = try EditedCut.read(file, projectFPS: project.fps).apply(to: project)
            } catch {
                let text = error.description.hasPrefix(file) ? error.description : "\(file): \(error.description)"
                throw Console.fail(text, code: 2)
            }
            return (result.project, result.report.isEmpty ? ["the cut matches the project: nothing changed"] : result.report)
        default:
            throw Console.fail("\(file): unknown kind of file; expected .csv, .storyboarder, .otio, .xml or .edl", code: 2)
        }
    }
}

/// Seconds as a board shows them (3, 2.5).
enum ShotListSummary {
    static func seconds(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(format: "%.2f", v) }
}
