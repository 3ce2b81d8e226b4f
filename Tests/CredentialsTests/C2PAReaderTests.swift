import Foundation
import Imaging
import Project
import Testing
import TestSupport
@testable import Credentials
@testable import Export
@testable import Render

/// Our Content Credentials as the independent reader c2pa-python (c2pa-rs underneath) reports them.
@Suite(.serialized) struct C2PAReaderTests {
    static let untrusted = "signingCredential.untrusted"
    static let trained = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
    static let algorithmic = "http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia"

    /// A signing identity in a fresh config folder, as a brand-new user gets it.
    static func signer(in folder: TestFolder) throws -> SigningIdentity {
        try CredentialStore.identity(environment: ["XDG_CONFIG_HOME": folder.path + "/config"])
    }

    func project(shots: Int = 2) -> Project {
        var p = Project(title: "Credentials", width: 256, height: 144, fps: 12)
        p.defaults.steps = 4
        let prompts = ["wide shot of a horse on the beach at sunset", "a man walks left across a street at night"]
        p.shots = (0..<shots).map { Shot(id: "s\($0 + 1)", prompt: prompts[$0 % 2], seed: UInt32(10 + $0), duration: 1) }
        return p
    }

    /// The reader's JSON report of a file (and its sidecar), and the active manifest.
    func read(_ path: String, sidecar: String? = nil) throws -> (report: [String: Any], manifest: [String: Any]) {
        let args = [repositoryRoot + "/scripts/c2pa_read.py", path] + (sidecar.map { [$0] } ?? [])
        let (out, err, status) = try runProgram("/usr/bin/env", ["python3"] + args)
        #expect(status == 0, "c2pa-python failed: \(err)")
        let report = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
        let label = report["active_manifest"] as? String ?? ""
        let manifest = (report["manifests"] as? [String: Any])?[label] as? [String: Any] ?? [:]
        return (report, manifest)
    }

    func failureCodes(_ report: [String: Any]) -> [String] {
        (report["validation_status"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    func actions(_ manifest: [String: Any]) -> [[String: Any]] {
        let assertions = manifest["assertions"] as? [[String: Any]] ?? []
        let data = assertions.first { ($0["label"] as? String)?.hasPrefix("c2pa.actions") == true }?["data"] as? [String: Any]
        return data?["actions"] as? [[String: Any]] ?? []
    }

    /// Checks what every Storyreel manifest states: generator, created action, source type, only an untrusted signer.
    func expectStoryreelManifest(_ path: String, sourceType: String, sidecar: String? = nil) throws -> [String: Any] {
        let (report, manifest) = try read(path, sidecar: sidecar)
        #expect(!manifest.isEmpty, "no active manifest in \(path): \(report)")
        let generator = (manifest["claim_generator_info"] as? [[String: Any]])?.first
        #expect(generator?["name"] as? String == "storyreel" && generator?["version"] as? String == ManifestBuilder.generatorVersion)
        let created = actions(manifest).first
        #expect(created?["action"] as? String == "c2pa.created")
        #expect(created?["digitalSourceType"] as? String == sourceType)
        #expect(failureCodes(report) == [Self.untrusted], "\(path): \(failureCodes(report))")
        return manifest
    }

    @Test func framesAndClipDrawingsCarryCredentialsReadByC2PAPython() throws {
        let folder = TestFolder()
        var p = project()
        p.shots[1].motion = .auto
        let renderer = ProjectRenderer(folder: folder.path, project: p)
        renderer.signer = try Self.signer(in: folder)
        let results = try renderer.render(p.shots)
        let manifest = try expectStoryreelManifest(folder.path + "/frames/s1.png", sourceType: Self.algorithmic)
        let parameters = actions(manifest).first?["parameters"] as? [String: Any] ?? [:]
        #expect(parameters["model"] as? String == "sketch")
        #expect(parameters["weightsDigest"] as? String == "builtin")
        #expect(parameters["seed"] as? Int == 10)
        #expect(parameters["sampler"] as? String == p.renderSettings(for: p.shots[0]).sampler.rawValue)
        #expect(parameters["prompt"] as? String == p.shots[0].prompt)
        let clip = results[1].clip
        #expect(clip.drawings > 1)
        let drawing = try expectStoryreelManifest(folder.path + "/" + clip.drawingPath(clip.drawings - 1), sourceType: Self.algorithmic)
        #expect((actions(drawing).first?["parameters"] as? [String: Any])?["drawing"] as? Int == clip.drawings)
        // The text chunks other tools read are still there.
        let chunks = try PNGChunkReader.textChunks(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/frames/s1.png")).map { $0 })
        #expect(chunks.map(\.keyword) == ["parameters", "storyreel"])
    }

    @Test func aFlippedImageByteIsAHashMismatch() throws {
        let folder = TestFolder()
        let p = project(shots: 1)
        let renderer = ProjectRenderer(folder: folder.path, project: p)
        renderer.signer = try Self.signer(in: folder)
        _ = try renderer.render(p.shots)
        let path = folder.path + "/frames/s1.png"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // A byte of the image data: 40 bytes before the end is inside the last IDAT (IEND is 12, its CRC 4).
        bytes[bytes.count - 40] ^= 0x01
        let tampered = folder.path + "/tampered.png"
        try Data(bytes).write(to: URL(fileURLWithPath: tampered))
        let codes = failureCodes(try read(tampered).report)
        #expect(codes.contains("assertion.dataHash.mismatch"), "\(codes)")
    }

    @Test func anUnchangedBoardIsNotResignedButAFrameWithoutCredentialsIs() throws {
        let folder = TestFolder()
        let p = project()
        let signer = try Self.signer(in: folder)
        func render() throws -> [ShotRenderResult] {
            let renderer = ProjectRenderer(folder: folder.path, project: p)
            renderer.signer = signer
            return try renderer.render(p.shots)
        }
        _ = try render()
        let path = folder.path + "/frames/s1.png"
        let signed = try Data(contentsOf: URL(fileURLWithPath: path))
        let again = try render()
        #expect(again.allSatisfy { !$0.wroteFrame && $0.clip.wroteDrawings == 0 })
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == signed)
        // A frame written before Content Credentials (same text chunks, no caBX) is signed on the next render,
        // with the same bytes as a fresh one: signatures are deterministic.
        try Data(try PNGEncoder.encode(try PNGDecoder.decode([UInt8](signed)).frame,
                                       text: try PNGChunkReader.textChunks([UInt8](signed)))).write(to: URL(fileURLWithPath: path))
        #expect(!PNGCredentials.hasCredentials([UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))))
        let third = try render()
        #expect(third[0].wroteFrame && !third[1].wroteFrame)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == signed)
    }

    @Test func neuralCheckpointsAreTrainedAlgorithmicMedia() throws {
        let folder = TestFolder()
        #expect(ShotCredentials.sourceType(modelID: "sd:models/v15") == .trainedAlgorithmicMedia)
        #expect(ShotCredentials.sourceType(modelID: "sketch") == .algorithmicMedia)
        let content = CredentialContent(sourceType: ShotCredentials.sourceType(modelID: "sd:models/v15"),
                                        parameters: [("model", .text("sd:models/v15")), ("seed", .int(3))], identity: "sd test")
        let png = try PNGEncoder.encode(Frame(width: 8, height: 8, fill: (10, 20, 30, 255)))
        let path = folder.path + "/sd.png"
        try Data(try PNGCredentials.embed(png, content: content, identity: try Self.signer(in: folder))).write(to: URL(fileURLWithPath: path))
        _ = try expectStoryreelManifest(path, sourceType: Self.trained)
        // The pixels are the encoder's: the credentials are a chunk beside them.
        #expect(try PNGDecoder.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))).frame == PNGDecoder.decode(png).frame)
    }

    @Test func sheetAnimaticAndPDFCarryCredentialsWithTheFramesAsIngredients() throws {
        let folder = TestFolder()
        let p = project()
        var options = ExportOptions()
        options.sheet = folder.path + "/sheet.png"
        options.mp4 = folder.path + "/cut.mp4"
        options.pdf = folder.path + "/board.pdf"
        options.credentialsWithoutPrompt = true
        let exporter = Exporter(folder: folder.path, project: p)
        exporter.signer = try Self.signer(in: folder)
        let written = try exporter.run(options)
        #expect(written.contains(folder.path + "/board.c2pa"))
        for (path, sidecar) in [(options.sheet!, nil), (options.mp4!, nil), (options.pdf!, folder.path + "/board.c2pa")] {
            let manifest = try expectStoryreelManifest(path, sourceType: Self.algorithmic, sidecar: sidecar)
            let ingredients = manifest["ingredients"] as? [[String: Any]] ?? []
            #expect(ingredients.compactMap { $0["title"] as? String } == ["frames/s1.png", "frames/s2.png"], "\(path)")
            #expect(ingredients.allSatisfy { $0["relationship"] as? String == "componentOf" })
            // Each ingredient names the instance id its frame's own manifest carries.
            let frame = try read(folder.path + "/frames/s1.png").manifest
            #expect(ingredients.first?["instance_id"] as? String == frame["instance_id"] as? String)
            let shots = (actions(manifest).first?["parameters"] as? [String: Any])?["shots"] as? [[String: Any]] ?? []
            #expect(shots.count == 2 && shots.allSatisfy { $0["prompt"] == nil && $0["seed"] != nil })
        }
        // The animatic still plays, and a flipped byte of its media data is a hash mismatch.
        let probe = try runProgram("/usr/bin/env", ["ffprobe", "-v", "error", "-count_frames", "-show_entries",
                                                    "stream=nb_read_frames", "-of", "csv=p=0", options.mp4!])
        #expect(probe.out.trimmingCharacters(in: .whitespacesAndNewlines) == "24", "\(probe.err)")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: options.mp4!)))
        bytes[bytes.count - 100] ^= 0x01
        let tampered = folder.path + "/tampered.mp4"
        try Data(bytes).write(to: URL(fileURLWithPath: tampered))
        let codes = failureCodes(try read(tampered).report)
        #expect(codes.contains { $0.hasPrefix("assertion.bmffHash.mismatch") }, "\(codes)")
    }

    @Test func handOffMoviesAndStoryboarderImagesCarryCredentials() throws {
        let folder = TestFolder()
        var p = project()
        p.shots[1].motion = .auto
        var options = ExportOptions()
        options.fcpxml = folder.path + "/cut.xml"
        options.storyboarder = folder.path + "/board.storyboarder"
        let exporter = Exporter(folder: folder.path, project: p)
        exporter.signer = try Self.signer(in: folder)
        let written = try exporter.run(options)
        let movies = written.filter { $0.hasSuffix(".mp4") }
        let images = written.filter { $0.contains("/images/") && $0.hasSuffix(".png") }
        #expect(!movies.isEmpty && images.count == 3 * p.shots.count, "\(written)")
        for movie in movies {
            let manifest = try expectStoryreelManifest(movie, sourceType: Self.algorithmic)
            #expect((manifest["ingredients"] as? [[String: Any]])?.count == 1)
        }
        for image in images.prefix(3) {
            let manifest = try expectStoryreelManifest(image, sourceType: Self.algorithmic)
            #expect((manifest["ingredients"] as? [[String: Any]])?.count == p.shots.count)
        }
    }
}
