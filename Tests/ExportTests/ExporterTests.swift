import Digest
import Foundation
import Imaging
import Project
import Render
import Testing
import TestSupport
@testable import Export

/// Exports read back with other tools: poppler for PDFs, ffprobe for video, opentimelineio for timelines.
@Suite(.serialized) struct ExporterTests {
    func project(shots count: Int = 5) -> Project {
        var p = Project(title: "Export Test", client: "Tests Ltd", width: 256, height: 144, fps: 12)
        p.defaults.steps = 6
        let prompts = ["wide shot of a horse on the beach at sunset", "medium shot of a woman sitting on a sofa",
                       "close-up of a bottle on a table", "a car on a road at night", "a dog in the park"]
        let moves: [CameraMove] = [.pushIn, .static, .panLeft, .tiltUp, .pullOut]
        p.shots = (0..<count).map { i in
            var s = Shot(id: String(format: "sh%02d", i + 1), prompt: prompts[i % prompts.count], seed: UInt32(i), duration: [1.5, 1, 2, 0.75, 1.25][i % 5],
                         camera: moves[i % moves.count], action: "Action line number \(i + 1) describes the beat.", dialogue: i % 2 == 0 ? "VO: line \(i + 1)" : "")
            if i == 2 { s.transition = .dissolve }
            return s
        }
        return p
    }

    func tool(_ name: String, _ args: [String]) throws -> (out: String, err: String, status: Int32) {
        try runProgram("/usr/bin/env", [name] + args)
    }

    @Test func boardPDFHasPagesAndSelectableCaptions() throws {
        let folder = TestFolder()
        var p = project(shots: 60)
        p.defaults.steps = 3
        var options = ExportOptions()
        options.pdf = folder.path + "/board.pdf"
        options.layout = .twoByThree
        _ = try Exporter(folder: folder.path, project: p).run(options)
        let info = try tool("pdfinfo", [options.pdf!])
        #expect(info.out.contains("Pages:           10"), "\(info.out)")
        let text = try tool("pdftotext", ["-layout", options.pdf!, "-"]).out
        #expect(text.contains("Export Test") && text.contains("Tests Ltd"))
        #expect(text.contains("Page 1 of 10") && text.contains("Page 10 of 10"))
        #expect(text.contains("Action line number 60 describes the beat."))
        #expect(text.contains("VO: line 59"))
        #expect(text.contains("PUSH IN") && text.contains("PAN LEFT"))
        let fonts = try tool("pdffonts", [options.pdf!]).out
        #expect(fonts.contains("DejaVuSans") && !fonts.split(separator: "\n").dropFirst(2).contains { $0.contains(" no ") && $0.contains("TrueType") })
        // The manifest's hashes match the files, checked by sha256sum.
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: options.pdf! + ".manifest.json"))) as? [String: Any]
        let files = manifest?["files"] as? [[String: Any]] ?? []
        #expect(files.count == 1 && (manifest?["shots"] as? [Any])?.count == 60)
        let sum = try tool("sha256sum", [options.pdf!]).out.split(separator: " ").first.map(String.init)
        #expect(files.first?["sha256"] as? String == sum)
    }

    @Test func animaticHasExactDurationFrameRateAndSize() throws {
        let folder = TestFolder()
        let p = project()
        var options = ExportOptions()
        options.mp4 = folder.path + "/cut.mp4"
        options.gif = folder.path + "/cut.gif"
        options.burnIn = true
        _ = try Exporter(folder: folder.path, project: p).run(options)
        let probe = try tool("ffprobe", ["-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
                                         "stream=width,height,r_frame_rate,nb_read_frames", "-of", "json", options.mp4!])
        let stream = ((try JSONSerialization.jsonObject(with: Data(probe.out.utf8)) as? [String: Any])?["streams"] as? [[String: Any]])?.first
        #expect(stream?["width"] as? Int == 256 && stream?["height"] as? Int == 144)
        #expect(stream?["r_frame_rate"] as? String == "12/1")
        let expected = AnimaticTimeline(shots: p.shots, fps: 12).frameCount
        #expect(stream?["nb_read_frames"] as? String == String(expected))
        #expect(expected == Int((p.runningTime * 12).rounded()))
        let gif = try tool("ffprobe", ["-v", "error", "-count_frames", "-show_entries", "stream=nb_read_frames,width", "-of", "csv=p=0", options.gif!])
        #expect(gif.out.contains("256"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") && $0.contains("partial") }
        #expect(leftovers.isEmpty)
    }

    @Test func tempAudioTrackIsMuxedAndCutToThePicture() throws {
        let folder = TestFolder()
        let wav = folder.path + "/temp.wav"
        // Ten seconds of a 440 Hz tone, written by Python's wave module: longer than the 6.5 s cut.
        let script = "import wave, math, struct, sys\nw = wave.open(sys.argv[1], 'wb'); w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000)\nw.writeframes(b''.join(struct.pack('<h', int(8000 * math.sin(2 * math.pi * 440 * i / 8000))) for i in range(80000))); w.close()"
        _ = try runProgram("/usr/bin/env", ["python3", "-c", script, wav])
        var options = ExportOptions()
        options.mp4 = folder.path + "/cut.mp4"
        options.audio = wav
        let p = project()
        _ = try Exporter(folder: folder.path, project: p).run(options)
        let probe = try tool("ffprobe", ["-v", "error", "-show_entries", "stream=codec_type:format=duration", "-of", "csv=p=0", options.mp4!]).out
        #expect(probe.contains("audio") && probe.contains("video"))
        let duration = probe.split(separator: "\n").compactMap { Double($0) }.first ?? 0
        #expect(abs(duration - p.runningTime) < 0.1, "duration \(duration), cut \(p.runningTime)")
    }

    @Test func timelinesImportInOpenTimelineIO() throws {
        let folder = TestFolder()
        let p = project()
        var options = ExportOptions()
        options.otio = folder.path + "/cut.otio"
        options.edl = folder.path + "/cut.edl"
        options.framesFolder = folder.path + "/frames"
        _ = try Exporter(folder: folder.path, project: p).run(options)
        let script = """
            import sys, opentimelineio as otio
            t = otio.adapters.read_from_file(sys.argv[1])
            track = t.tracks[0]
            print(len(track), [c.name for c in track], [int(c.duration().value) for c in track], track[0].duration().rate,
                  track[1].metadata["storyreel"]["prompt"], track[0].media_reference.target_url.endswith("001_sh01.png"))
            """
        let (out, err, status) = try runProgram("/usr/bin/env", ["python3", "-c", script, options.otio!])
        #expect(status == 0, "\(err)")
        let spans = AnimaticTimeline(shots: p.shots, fps: 12).spans.map(\.frameCount)
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) ==
                "5 ['sh01', 'sh02', 'sh03', 'sh04', 'sh05'] \(spans) 12.0 medium shot of a woman sitting on a sofa True")
        let edl = try String(contentsOfFile: options.edl!, encoding: .utf8)
        #expect(edl.hasPrefix("TITLE: Export Test\nFCM: NON-DROP FRAME"))
        #expect(edl.contains("001  SH01     V     C        00:00:00:00 00:00:01:06 01:00:00:00 01:00:01:06"))
        #expect(edl.components(separatedBy: "* FROM CLIP NAME:").count == 6)
        // Keyframes in cut order keep their provenance.
        let first = try PNGChunkReader.textChunks(FileReader_read(options.framesFolder! + "/001_sh01.png"))
        #expect(first.contains { $0.keyword == "parameters" && $0.text.contains("Seed: 0") })
    }

    @Test func missingFolderAndMissingFFmpegFailCleanly() throws {
        let folder = TestFolder()
        var options = ExportOptions()
        options.pdf = folder.path + "/no/such/dir/board.pdf"
        #expect(throws: ExportError.self) { _ = try Exporter(folder: folder.path, project: project()).run(options) }
        options = ExportOptions()
        options.mp4 = folder.path + "/cut.mp4"
        // A search path without ffmpeg, given to this export only: setenv("PATH") would race other suites' threads.
        options.ffmpegSearchPath = folder.path + "/no-such-bin"
        do {
            _ = try Exporter(folder: folder.path, project: project()).run(options)
            Issue.record("export without ffmpeg succeeded")
        } catch let error as ExportError {
            #expect(error.message.contains("ffmpeg"))
        }
        #expect(!FileManager.default.fileExists(atPath: options.mp4!))
    }
}

func FileReader_read(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }
