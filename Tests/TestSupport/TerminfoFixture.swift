import Foundation

/// Terminfo entries compiled by ncurses' own `tic`, for tests of colour detection.
public enum TerminfoFixture {
    /// Compiles `source` (terminfo source, `-x` extensions allowed) into a fresh folder to use as `TERMINFO`; nil
    /// when tic is missing. The caller removes the folder.
    public static func compile(_ source: String) throws -> String? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("terminfo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try source.write(toFile: dir + "/src", atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["tic", "-x", "-o", dir, dir + "/src"]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? dir : nil
    }
}
