import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Project

/// A cut as an editor left it: clips in order, each with its name (a shot id) and length, read from OpenTimelineIO
/// JSON, Final Cut Pro 7 XML or a CMX 3600 EDL.
public struct EditedCut: Equatable {
    public struct Clip: Equatable {
        public var name: String
        public var frames: Int
    }

    public var clips: [Clip]
    /// Frames per second of the cut, when the file says.
    public var fps: Double?

    /// Bad input in a cut file.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads `path` by its extension: `.otio`, `.xml` (FCP7) or `.edl`; an EDL's timecodes count frames at
    /// `projectFPS` (the file does not say its rate).
    public static func read(_ path: String, projectFPS: Double) throws(Problem) -> EditedCut {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(description: "\(path): cannot read the file") }
        return try parse(data, format: (path as NSString).pathExtension.lowercased(), path: path, projectFPS: projectFPS)
    }

    /// Reads a cut from its bytes: `format` is "otio", "xml" (FCP7) or "edl"; `path` names it in messages.
    public static func parse(_ data: Data, format: String, path: String, projectFPS: Double) throws(Problem) -> EditedCut {
        switch format {
        case "otio": return try otio(data, path: path)
        case "xml": return try fcp7(data, path: path)
        case "edl": return try edl(data, path: path, fps: projectFPS)
        default: throw Problem(description: "\(path): unknown cut format; expected .otio, .xml (Final Cut Pro 7) or .edl")
        }
    }

    /// OTIO: the first video track's clips, each with its source range's duration (gaps and transitions skipped).
    static func otio(_ data: Data, path: String) throws(Problem) -> EditedCut {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Problem(description: "\(path): not OpenTimelineIO JSON")
        }
        guard let stack = root["tracks"] as? [String: Any], let tracks = stack["children"] as? [[String: Any]],
              let track = tracks.first(where: { ($0["kind"] as? String) == "Video" }) ?? tracks.first,
              let children = track["children"] as? [[String: Any]] else {
            throw Problem(description: "\(path): no video track with clips")
        }
        var clips: [Clip] = []
        var fps: Double? = nil
        for (i, child) in children.enumerated() where (child["OTIO_SCHEMA"] as? String)?.hasPrefix("Clip.") == true {
            guard let name = child["name"] as? String, let range = child["source_range"] as? [String: Any],
                  let duration = range["duration"] as? [String: Any], let value = duration["value"] as? Double,
                  let rate = duration["rate"] as? Double, rate > 0, value > 0 else {
                throw Problem(description: "\(path): track item \(i + 1) has no name or no source_range duration")
            }
            fps = fps ?? rate
            clips.append(Clip(name: name, frames: Int((value * (fps! / rate)).rounded())))
        }
        return EditedCut(clips: clips, fps: fps)
    }

    /// FCP7 XML: the first sequence's first video track's clip items, each `end - start` frames long.
    static func fcp7(_ data: Data, path: String) throws(Problem) -> EditedCut {
        // Foundation's XML parser traps on element names that are not UTF-8 (found by fuzzing), and FCP7 XML is
        // UTF-8: anything else is refused before it gets there.
        guard String(data: data, encoding: .utf8) != nil else {
            throw Problem(description: "\(path): not UTF-8 text; Final Cut Pro 7 XML is UTF-8")
        }
        // It also dereferences a null pointer on a processing instruction with no data (`<?name?>`, found by
        // fuzzing); FCP7 XML has none but its declaration, so such a file is refused.
        if let line = emptyProcessingInstructionLine(data) {
            throw Problem(description: "\(path): line \(line): a processing instruction with no data (<?name?>); expected Final Cut Pro 7 XML")
        }
        let reader = FCP7Reader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        guard parser.parse() else {
            throw Problem(description: "\(path): line \(parser.lineNumber): not well-formed XML (\(parser.parserError.map { "\($0.localizedDescription)" } ?? "parse error"))")
        }
        guard reader.sawXmeml else { throw Problem(description: "\(path): no <xmeml> root; expected Final Cut Pro 7 XML") }
        if let problem = reader.problem { throw Problem(description: "\(path): \(problem)") }
        return EditedCut(clips: reader.clips, fps: reader.fps)
    }

    /// The line of the first `<?target?>` whose data is empty or blank, or nil when there is none.
    static func emptyProcessingInstructionLine(_ data: Data) -> Int? {
        let bytes = [UInt8](data)
        var line = 1, i = 0
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while i + 1 < bytes.count {
            if bytes[i] == 0x0A { line += 1 }
            guard bytes[i] == 0x3C, bytes[i + 1] == 0x3F else {
                i += 1
                continue
            }
            var j = i + 2
            while j < bytes.count, !isSpace(bytes[j]), !(bytes[j] == 0x3F && j + 1 < bytes.count && bytes[j + 1] == 0x3E) { j += 1 }
            while j < bytes.count, isSpace(bytes[j]) { j += 1 }
            if j + 1 < bytes.count, bytes[j] == 0x3F, bytes[j + 1] == 0x3E { return line }
            i += 2
        }
        return nil
    }

    /// CMX 3600: each event's record in and out, named by its `* FROM CLIP NAME:` comment (or its reel). Lengths are
    /// counted as non-drop frames, which is what a length in frames is under either frame-count mode.
    static func edl(_ data: Data, path: String, fps: Double) throws(Problem) -> EditedCut {
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw Problem(description: "\(path): not text")
        }
        var clips: [Clip] = []
        var lineNumber = 0
        for raw in text.components(separatedBy: .newlines) {
            lineNumber += 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("* FROM CLIP NAME:"), !clips.isEmpty {
                clips[clips.count - 1].name = line.dropFirst("* FROM CLIP NAME:".count).trimmingCharacters(in: .whitespaces)
                continue
            }
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 8, Int(fields[0]) != nil else { continue }
            let timecodes = fields.suffix(4).map(String.init)
            guard let recIn = frames(timecodes[2], fps: fps), let recOut = frames(timecodes[3], fps: fps), recOut > recIn else {
                throw Problem(description: "\(path): line \(lineNumber): expected record in and out timecodes HH:MM:SS:FF, found \(timecodes[2]) \(timecodes[3])")
            }
            clips.append(Clip(name: String(fields[1]), frames: recOut - recIn))
        }
        return EditedCut(clips: clips, fps: fps)
    }

    static func frames(_ timecode: String, fps: Double) -> Int? {
        let parts = timecode.split(whereSeparator: { $0 == ":" || $0 == ";" }).compactMap { Int($0) }
        guard parts.count == 4 else { return nil }
        let base = Int(fps.rounded())
        return ((parts[0] * 60 + parts[1]) * 60 + parts[2]) * base + parts[3]
    }

    /// The project re-timed and re-ordered to this cut: shots named by clips take the clips' lengths (at `fps`,
    /// the project's rate when the cut does not say) and their order; shots the cut leaves out stay, after them.
    public func apply(to project: Project) throws(Problem) -> (project: Project, report: [String]) {
        let rate = fps ?? project.fps
        var out = project
        var report: [String] = []
        var shots: [Shot] = []
        var used = Set<String>()
        for clip in clips {
            guard var shot = project.shots.first(where: { $0.id == clip.name }) else {
                report.append("no shot '\(ShotID.printable(clip.name))' in the project; clip skipped")
                continue
            }
            guard !used.contains(shot.id) else {
                report.append("clip '\(shot.id)' appears again; the first one counts")
                continue
            }
            used.insert(shot.id)
            let seconds = Double(clip.frames) / rate
            if abs(seconds - shot.duration) > 0.5 / rate {
                report.append("\(shot.id): \(ShotColumn.number(shot.duration)) s → \(ShotColumn.number((seconds * 1000).rounded() / 1000)) s")
                shot.duration = seconds
            }
            shots.append(shot)
        }
        guard !shots.isEmpty else { throw Problem(description: "no clip of the cut names a shot of the project (clips are matched by shot id)") }
        let unlisted = project.shots.filter { !used.contains($0.id) }
        if !unlisted.isEmpty { report.append("not in the cut, kept at the end: \(unlisted.map(\.id).joined(separator: ", "))") }
        if shots.map(\.id) != project.shots.filter({ used.contains($0.id) }).map(\.id) { report.append("order taken from the cut") }
        out.shots = shots + unlisted
        return (out, report)
    }
}

/// Collects clip items from FCP7 XML: name, start and end of each clip item in the first video track.
final class FCP7Reader: NSObject, XMLParserDelegate {
    var clips: [EditedCut.Clip] = []
    var fps: Double?
    var sawXmeml = false
    var problem: String?
    private var path: [String] = []
    private var text = ""
    private var tracksSeen = 0
    private var current: (name: String?, start: Int?, end: Int?)?
    private var timebase: Int?
    private var ntsc = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "xmeml" { sawXmeml = true }
        if name == "track", path.last == "video" { tracksSeen += 1 }
        if name == "clipitem", tracksSeen == 1, path.last == "track" { current = (nil, nil, nil) }
        path.append(name)
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        // A malformed file can end an element it never started; libxml2 reports what it recovers.
        if !path.isEmpty { path.removeLast() }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if current != nil, path.last == "clipitem" {
            switch name {
            case "name": current?.name = value
            case "start": current?.start = Int(value)
            case "end": current?.end = Int(value)
            default: break
            }
        }
        // The sequence's own rate: <sequence><rate><timebase>.
        if path.suffix(2) == ["sequence", "rate"] {
            if name == "timebase" { timebase = Int(value) }
            if name == "ntsc" { ntsc = value.uppercased() == "TRUE" }
            if let timebase { fps = ntsc ? Double(timebase) * 1000 / 1001 : Double(timebase) }
        }
        if name == "clipitem", let clip = current, path.last == "track" {
            current = nil
            guard let clipName = clip.name, let start = clip.start, let end = clip.end, end > start, start >= 0 else {
                problem = problem ?? "clip item \(clips.count + 1) has no name, or no start and end frames (end after start)"
                return
            }
            clips.append(EditedCut.Clip(name: clipName, frames: end - start))
        }
        text = ""
    }
}
