import Foundation
import Interchange
import Project

/// libFuzzer entry: any bytes as a shot list (CSV) or an edited cut (OTIO JSON, FCP7 XML, EDL) give shots or one
/// clear problem, never a crash or hang; a sheet that reads must write and read again to the same shots.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInterchange(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    for format in ["otio", "xml", "edl"] {
        if let cut = try? EditedCut.parse(bytes, format: format, path: "fuzz.\(format)", projectFPS: 24) {
            for clip in cut.clips where clip.frames <= 0 { fatalError("a \(format) clip of \(clip.frames) frames was accepted") }
        }
    }
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self),
          let (shots, _) = try? ShotList.shots(fromCSV: text, file: "fuzz.csv"), !shots.isEmpty else { return 0 }
    var project = Project(title: "fuzz")
    project.shots = shots
    let written = ShotList.csv(project)
    guard let (again, _) = try? ShotList.shots(fromCSV: written, file: "fuzz-written.csv") else {
        fatalError("a sheet that read wrote one that does not:\n\(written)")
    }
    if again.map(\.id) != shots.map(\.id) || again.map(\.prompt) != shots.map(\.prompt) || again.map(\.notes) != shots.map(\.notes) {
        fatalError("write/read changed the shots")
    }
    return 0
}
