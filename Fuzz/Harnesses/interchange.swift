import Foundation
import Interchange
import Project

/// libFuzzer entry: any bytes as a shot list (CSV) or an edited cut (OTIO JSON, FCP7 XML, EDL) give shots or one
/// clear problem, never a crash or hang; a sheet that reads must write and read again to the same shots, every value
/// of them, and merging it into a project must leave one the project reader accepts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInterchange(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    for format in ["otio", "xml", "edl"] {
        if let cut = try? EditedCut.parse(bytes, format: format, path: "fuzz.\(format)", projectFPS: 24) {
            for clip in cut.clips where clip.frames <= 0 { fatalError("a \(format) clip of \(clip.frames) frames was accepted") }
        }
    }
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self),
          let (shots, columns) = try? ShotList.shots(fromCSV: text, file: "fuzz.csv"), !shots.isEmpty else { return 0 }
    var project = Project(title: "fuzz")
    project.shots = shots
    let written = ShotList.csv(project)
    guard let (again, _) = try? ShotList.shots(fromCSV: written, file: "fuzz-written.csv") else {
        fatalError("a sheet that read wrote one that does not:\n\(written.debugDescription)")
    }
    // Every value of every shot, unknown columns included (Shot's == compares values, not TOML spelling).
    if again != shots {
        let changed = zip(shots, again).first { $0 != $1 }.map { "\($0.0)\nbecame\n\($0.1)" } ?? "\(shots.count) shots became \(again.count)"
        fatalError("write/read changed the shots:\n\(changed)\nwritten:\n\(written.debugDescription)")
    }
    checkMerge(shots, columns: columns)
    return 0
}

/// The sheet merged into a project holding the same ids in the other case, and one id of its own: the result must
/// be a project the reader accepts (ids are unique ignoring case) with every id of both, each once.
private func checkMerge(_ shots: [Shot], columns: [String]) {
    var existing = Project(title: "existing")
    existing.shots = shots.enumerated().map { i, shot in
        Shot(id: i % 2 == 0 ? shot.id.uppercased() : shot.id.lowercased(), prompt: "existing \(i)", seed: UInt32(i))
    }
    existing.shots.append(Shot(id: "kept-by-fuzz", prompt: "not in the sheet", seed: 7))
    let (merged, _) = ShotList.merge(shots, columns: columns, into: existing)
    let expected = Set(shots.map { $0.id.lowercased() }).union(["kept-by-fuzz"])
    if merged.shots.count != expected.count || Set(merged.shots.map { $0.id.lowercased() }) != expected {
        fatalError("merging \(shots.map(\.id)) into \(existing.shots.map(\.id)) gave \(merged.shots.map(\.id))")
    }
    let saved = ProjectEncoder.encode(merged)
    do throws(ProjectError) {
        _ = try ProjectDecoder.decode(saved, file: "fuzz-merged.toml")
    } catch {
        fatalError("a merged sheet saved a project that does not load: \(error)\n\(saved)")
    }
}
