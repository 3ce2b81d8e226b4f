import Project

/// libFuzzer entry: any bytes as storyboard.toml give a project or one ProjectError, never a crash or hang;
/// whatever loads must save and load again to the same shots.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProject(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    guard let (project, _) = try? ProjectDecoder.decode(text, file: "fuzz.toml") else { return 0 }
    let saved = ProjectEncoder.encode(project)
    guard let (again, _) = try? ProjectDecoder.decode(saved, file: "fuzz-saved.toml") else {
        fatalError("a loaded project saved to text that does not load:\n\(saved)")
    }
    if again.shots.map(\.id) != project.shots.map(\.id) || again.shots.map(\.prompt) != project.shots.map(\.prompt) {
        fatalError("save/load changed the shots")
    }
    return 0
}
