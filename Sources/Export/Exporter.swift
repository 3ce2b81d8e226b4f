import Credentials
import Digest
import Foundation
import Imaging
import Interchange
import JSON
import Project
import Render
import Storage

/// Runs an export: renders what is stale through the cache, then writes the boards, frames, animatic and timelines
/// asked for, each atomically, each with a provenance manifest beside it. The CLI and the studio both call this.
public final class Exporter {
    public let folder: String
    public let project: Project
    /// The identity that signs Content Credentials; nil: the user's, made on first use.
    public var signer: SigningIdentity?

    /// Where models come from (shared with the caller's renders).
    public let models: ModelRegistry

    public init(folder: String, project: Project, models: ModelRegistry = ModelRegistry()) {
        self.models = models
        self.folder = folder
        self.project = project
    }

    /// Writes what `options` asks for; returns the paths written (manifests included).
    public func run(_ options: ExportOptions, cancel: CancellationFlag? = nil, onEvent: (ExportEvent) -> Void = { _ in }) throws -> [String] {
        guard !options.isEmpty else {
            let names = ExportOptions.outputNames.map { "--" + $0 }.joined(separator: ", ")
            throw ExportError("nothing to export; name at least one of \(names)")
        }
        guard !project.shots.isEmpty else { throw ExportError("the project has no shots to export") }
        for path in options.outputs {
            let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDir), isDir.boolValue else {
                throw ExportError("cannot write \(path): the folder \(parent) does not exist")
            }
        }
        if let audio = options.audio, !FileManager.default.isReadableFile(atPath: audio) {
            throw ExportError("cannot read the audio file \(audio)")
        }
        // What a killed export of these outputs left beside them can go; files of live writers stay.
        for path in options.outputs {
            LeftoverSweeper.sweep(beside: path)
        }
        if let dir = options.framesFolder { LeftoverSweeper.sweep(folder: dir, targets: nil, pidlessBefore: nil) }

        // 1. Keyframes, through the cache.
        let renderer = ProjectRenderer(folder: folder, project: project, models: models)
        renderer.signer = signer
        let shots = project.shots
        var results: [ShotRenderResult] = []
        for (i, shot) in shots.enumerated() {
            onEvent(.stage("rendering", done: i, of: shots.count))
            results.append(try renderer.render(shot, cancel: cancel) { if case .warning(let w) = $0 { onEvent(.warning(w)) } })
        }
        onEvent(.stage("rendering", done: shots.count, of: shots.count))
        var keyframes: [Frame] = []
        var pngBytes: [[UInt8]] = []
        for result in results {
            let bytes = try FileReader.read(folder + "/" + result.png)
            pngBytes.append(bytes)
            keyframes.append(try PNGDecoder.decode(bytes).frame)
        }
        let records: [JSONValue] = try zip(shots, results).map { shot, result in
            let settings = project.renderSettings(for: shot)
            return Provenance.record(shot: shot, settings: settings, model: try models.model(for: settings, relativeTo: folder), key: result.key)
        }
        let timeline = AnimaticTimeline(shots: shots, fps: project.fps)
        var written: [String] = []
        // Manifests stay true to their files even if this run fails part-way (see ManifestSet).
        let manifests = ManifestSet(outputs: options.outputs)
        try manifests.retire()
        var completed = false
        defer { if !completed { manifests.salvage(written: written, manifest: try? manifest(files: written, records: records)) } }
        // Content Credentials beside files that cannot hold them: provenance like the JSON manifests, not listed in them.
        var sidecars: [String] = []

        // 2. Each output.
        if let dir = options.framesFolder {
            // An existing folder is fine; any other failure (read-only, full) is the reason to report.
            if mkdir(dir, 0o755) != 0 && errno != EEXIST {
                throw ExportError("cannot create the folder \(dir): \(String(cString: strerror(errno)))")
            }
            for (i, shot) in shots.enumerated() {
                try cancelled(cancel)
                let name = String(format: "%03d_", i + 1) + shot.id
                try AtomicFile.write(pngBytes[i], to: dir + "/" + name + ".png")
                written.append(dir + "/" + name + ".png")
                // A moving clip's every drawing, in a folder named like its key drawing.
                let clip = results[i].clip
                guard clip.drawings > 1 else { continue }
                let clipDir = dir + "/" + name
                if mkdir(clipDir, 0o755) != 0 && errno != EEXIST {
                    throw ExportError("cannot create the folder \(clipDir): \(String(cString: strerror(errno)))")
                }
                for d in 0..<clip.drawings {
                    let target = clipDir + "/" + ClipInfo.fileName(d)
                    try AtomicFile.write(try FileReader.read(folder + "/" + clip.drawingPath(d)), to: target)
                    written.append(target)
                }
            }
            onEvent(.wrote(dir))
        }
        if options.pdf != nil || options.sheet != nil {
            var panels: [Frame] = []
            for (i, shot) in shots.enumerated() {
                var panel = keyframes[i]
                let clip = results[i].clip
                if options.boardFrames == .firstLast, clip.drawings > 1 {
                    let last = try PNGDecoder.decode(try FileReader.read(folder + "/" + clip.drawingPath(clip.drawings - 1))).frame
                    panel = SubjectMotionOverlay.firstAndLast(first: panel, last: last)
                }
                panel = SubjectMotionOverlay.draw(try renderer.motionPaths(of: shot, result: results[i]), on: panel)
                panels.append(CameraMoveOverlay.draw(shot.camera, on: panel))
            }
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd"
            let board = BoardDocument(project: project, shots: shots, panels: panels, layout: options.layout,
                                      version: options.version, date: formatter.string(from: Date()))
            if let pdf = options.pdf {
                try cancelled(cancel)
                let credentials = try credentials(for: pdf, options, shots, results, try renderer.identity())
                let temporary = Exporter.temporaryPath(for: pdf)
                do {
                    try board.writePDF(to: temporary, target: pdf) { onEvent(.stage("board pages", done: $0, of: $1)) }
                    try Exporter.moveIntoPlace(temporary, pdf)
                } catch {
                    unlink(temporary)
                    throw error
                }
                written.append(pdf)
                sidecars.append(try credentials.writeSidecar(for: pdf))
                onEvent(.wrote(pdf))
            }
            if let sheet = options.sheet {
                try cancelled(cancel)
                let credentials = try credentials(for: sheet, options, shots, results, try renderer.identity())
                try AtomicFile.write(try credentials.sign(png: try PNGEncoder.encode(board.sheet())), to: sheet)
                written.append(sheet)
                onEvent(.wrote(sheet))
            }
        }
        for (path, kind) in [(options.mp4, FFmpegEncoder.Kind.mp4), (options.gif, .gif)] {
            guard let path else { continue }
            try encodeAnimatic(to: path, kind: kind, shots: shots, keyframes: keyframes, results: results, options: options,
                               cancel: cancel, onEvent: onEvent)
            if kind == .mp4 { try credentials(for: path, options, shots, results, try renderer.identity()).signMP4(at: path) }
            written.append(path)
            onEvent(.wrote(path))
        }
        if let otio = options.otio {
            let media: [String] = shots.enumerated().map { i, shot in
                if let dir = options.framesFolder { return URL(fileURLWithPath: dir + "/" + String(format: "%03d_", i + 1) + shot.id + ".png").path }
                return URL(fileURLWithPath: folder + "/" + results[i].png).path
            }
            try AtomicFile.write(TimelineWriter.otio(project: project, shots: shots, media: media, timeline: timeline, records: records), to: otio)
            written.append(otio)
            onEvent(.wrote(otio))
        }
        if let edl = options.edl {
            try AtomicFile.write(TimelineWriter.edl(project: project, shots: shots, timeline: timeline), to: edl)
            written.append(edl)
            onEvent(.wrote(edl))
        }

        if let xml = options.fcpxml {
            written += try writeFCP7(to: xml, shots: shots, keyframes: keyframes, pngBytes: pngBytes, results: results,
                                     timeline: timeline, options: options, signer: try renderer.identity(), cancel: cancel,
                                     onEvent: onEvent)
            onEvent(.wrote(xml))
        }
        if let csv = options.csv {
            try AtomicFile.write(ShotList.csv(project), to: csv)
            written.append(csv)
            onEvent(.wrote(csv))
        }
        if let board = options.storyboarder {
            written += try writeStoryboarder(to: board, shots: shots, keyframes: keyframes,
                                             credentials: try credentials(for: board, options, shots, results, try renderer.identity()),
                                             cancel: cancel)
            onEvent(.wrote(board))
        }

        // 3. Provenance beside every output.
        let paths = try manifests.write(try self.manifest(files: written, records: records))
        completed = true
        return written + sidecars + paths
    }

    /// The Content Credentials of the export written to `path`.
    func credentials(for path: String, _ options: ExportOptions, _ shots: [Shot], _ results: [ShotRenderResult],
                     _ signer: SigningIdentity) throws -> ExportCredentials {
        try ExportCredentials(title: URL(fileURLWithPath: path).lastPathComponent, project: project, shots: shots,
                              results: results, folder: folder, withPrompt: !options.credentialsWithoutPrompt,
                              signer: signer, models: models)
    }

    /// FCP7 XML and each shot's media in `NAME_media/`: the key drawing, or for a moving shot its clip as a movie.
    func writeFCP7(to xml: String, shots: [Shot], keyframes: [Frame], pngBytes: [[UInt8]], results: [ShotRenderResult],
                   timeline: AnimaticTimeline, options: ExportOptions, signer: SigningIdentity, cancel: CancellationFlag?,
                   onEvent: (ExportEvent) -> Void) throws -> [String] {
        let mediaFolder = (xml as NSString).deletingPathExtension + "_media"
        if mkdir(mediaFolder, 0o755) != 0 && errno != EEXIST {
            throw ExportError("cannot create the folder \(mediaFolder): \(String(cString: strerror(errno)))")
        }
        LeftoverSweeper.sweep(folder: mediaFolder, targets: nil, pidlessBefore: nil)
        var written: [String] = []
        var media: [String] = []
        var moving: [Bool] = []
        var single = options
        single.audio = nil
        single.burnIn = false
        for (i, shot) in shots.enumerated() {
            try cancelled(cancel)
            let moves = results[i].clip.drawings > 1 || shot.camera != .static
            let path = mediaFolder + "/" + String(format: "%03d_", i + 1) + shot.id + (moves ? ".mp4" : ".png")
            if moves {
                onEvent(.stage("shot media", done: i, of: shots.count))
                try encodeAnimatic(to: path, kind: .mp4, shots: [shot], keyframes: [keyframes[i]], results: [results[i]],
                                   options: single, cancel: cancel) { _ in }
                try credentials(for: path, options, [shot], [results[i]], signer).signMP4(at: path)
            } else {
                try AtomicFile.write(pngBytes[i], to: path)
            }
            written.append(path)
            media.append(URL(fileURLWithPath: path).standardizedFileURL.path)
            moving.append(moves)
        }
        try AtomicFile.write(FCP7XML.document(project: project, shots: shots, timeline: timeline, media: media, moving: moving), to: xml)
        return written + [xml]
    }

    /// A Storyboarder project and its `images/` folder beside it.
    func writeStoryboarder(to path: String, shots: [Shot], keyframes: [Frame], credentials: ExportCredentials,
                           cancel: CancellationFlag?) throws -> [String] {
        let images = (path as NSString).deletingLastPathComponent + "/images"
        if mkdir(images, 0o755) != 0 && errno != EEXIST {
            throw ExportError("cannot create the folder \(images): \(String(cString: strerror(errno)))")
        }
        let board = StoryboarderFile.board(project: project, shots: shots, drawings: keyframes)
        var written: [String] = []
        for (name, frame) in board.images {
            try cancelled(cancel)
            try AtomicFile.write(try credentials.sign(png: try PNGEncoder.encode(frame)), to: images + "/" + name)
            written.append(images + "/" + name)
        }
        try AtomicFile.write(board.json, to: path)
        return written + [path]
    }

    func encodeAnimatic(to path: String, kind: FFmpegEncoder.Kind, shots: [Shot], keyframes: [Frame], results: [ShotRenderResult],
                        options: ExportOptions,
                        cancel: CancellationFlag?, onEvent: (ExportEvent) -> Void) throws {
        let clips = results.map(\.clip)
        let folder = self.folder
        // A still's one drawing is the key drawing already decoded; a clip's drawings are read as the playhead reaches
        // them, drawing 1 too (a video model's first frame is its own, not the key drawing).
        let reel = ClipReel(counts: clips.map(\.drawings), rates: clips.map(\.drawingsPerSecond)) { shot, drawing in
            guard clips[shot].drawings > 1, let bytes = try? FileReader.read(folder + "/" + clips[shot].drawingPath(drawing)),
                  let decoded = try? PNGDecoder.decode(bytes).frame else { return keyframes[shot] }
            return decoded
        }
        let animatic = AnimaticRenderer(shots: shots, reel: reel, fps: project.fps, width: project.width,
                                        height: project.height, burnIn: options.burnIn)
        let encoder = try FFmpegEncoder(kind: kind, target: path, width: project.width, height: project.height,
                                        fps: project.fps, audio: kind == .mp4 ? options.audio : nil,
                                        searchPath: options.ffmpegSearchPath, stallTimeout: options.ffmpegStallTimeout)
        let total = animatic.timeline.frameCount
        // Two buffers: the next frame is drawn while the previous one is piped to ffmpeg on another thread.
        let pipeline = FramePipeline(encoder: encoder, frameBytes: project.width * project.height * 3)
        do {
            for index in 0..<total {
                if cancel?.isCancelled == true { throw CancellationError() }
                try pipeline.submit(frame: index) { buffer, holds in
                    // Within a held shot, a buffer two frames back already has these pixels.
                    let unchanged = holds == index - 2 && animatic.isRepeat(frame: index) && animatic.isRepeat(frame: index - 1)
                    if !unchanged { animatic.render(frame: index, into: &buffer) }
                }
                if index % 12 == 0 || index == total - 1 { onEvent(.stage(kind == .mp4 ? "video frames" : "gif frames", done: index + 1, of: total)) }
            }
            try pipeline.drain()
            try encoder.finish()
        } catch {
            _ = try? pipeline.drain()
            encoder.abandon()
            // An ffmpeg failure that raced with a cancel (a signal sent to every process of the session reaches
            // ffmpeg too) is the interruption, not a broken encode: report it as such, with status 130.
            if cancel?.isCancelled == true { throw CancellationError() }
            throw error
        }
    }

    func manifest(files: [String], records: [JSONValue]) throws -> String {
        var entries: [JSONValue] = []
        for file in files {
            let bytes = try FileReader.read(file, limit: 4 << 30)
            entries.append(.object([("path", .string(file)), ("bytes", .integer(Int64(bytes.count))), ("sha256", .string(SHA256.hex(SHA256.hash(bytes))))]))
        }
        let formatter = ISO8601DateFormatter()
        let settings = project.renderSettings(for: project.shots[0])
        let model = try models.model(for: settings, relativeTo: folder)
        return JSONValue.object([
            ("tool", .string(Provenance.tool)),
            ("created", .string(formatter.string(from: Date()))),
            ("project", .string(project.title)),
            ("model", .string(model.id)),
            ("weights", .string(model.weightsDigest)),
            ("shots", .array(records)),
            ("files", .array(entries)),
        ]).serialized(pretty: true) + "\n"
    }

    func cancelled(_ flag: CancellationFlag?) throws {
        if flag?.isCancelled == true { throw CancellationError() }
    }

    static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".partial-\(getpid())"
    }

    static func moveIntoPlace(_ temporary: String, _ path: String) throws(ExportError) {
        guard rename(temporary, path) == 0 else {
            throw ExportError("cannot move \(temporary) into place at \(path): \(String(cString: strerror(errno)))")
        }
        // The rename is durable only once the folder entry is on disk.
        ManifestSet.syncFolder(of: path)
    }
}
