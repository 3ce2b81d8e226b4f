import Storage

/// Loading and saving `storyboard.toml` in a project folder.
public enum ProjectFile {
    public static let fileName = "storyboard.toml"
    /// Larger project files are refused rather than read (a 10 000-shot board is about 3 MB).
    public static let sizeLimit = 64 << 20

    /// The project file's path in `folder`.
    public static func path(in folder: String) -> String {
        folder.hasSuffix("/") ? folder + fileName : folder + "/" + fileName
    }

    /// Loads and checks the project in `folder`. Warnings name kept unknown keys.
    public static func load(folder: String) throws(ProjectError) -> (project: Project, warnings: [String]) {
        let path = path(in: folder)
        let bytes: [UInt8]
        do {
            bytes = try FileReader.read(path, limit: sizeLimit)
        } catch {
            if !FileReader.exists(folder) {
                throw ProjectError(file: folder, message: "no such project folder; create one with 'storyreel new \(folder)'")
            }
            if !FileReader.exists(path) {
                throw ProjectError(file: path, message: "no \(fileName) here; is \(folder) a Storyreel project? ('storyreel new' makes one)")
            }
            throw ProjectError(file: path, message: error.reason)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(bytes)
            throw ProjectError(file: path, line: line, column: column, message: "the file is not valid UTF-8 text; save it as UTF-8")
        }
        let (project, warnings) = try ProjectDecoder.decode(text, file: path)
        return (project, warnings)
    }

    /// Saves atomically: readers see the old or the new file, never a mix, and a failure leaves the old one.
    public static func save(_ project: Project, folder: String) throws(StorageError) {
        try AtomicFile.write(ProjectEncoder.encode(project), to: path(in: folder))
    }

    /// Line and column (1-based, in bytes) of the first byte that breaks UTF-8.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (Int, Int) {
        var line = 1, lineStart = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            if length == 0 || i + length > bytes.count
                || String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil {
                return (line, i - lineStart + 1)
            }
            if b == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += length
        }
        return (line, 1)
    }
}
