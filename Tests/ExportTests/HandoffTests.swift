import Foundation
import Imaging
import Project
import Render
import Testing
import TestSupport
@testable import Export
@testable import Interchange

/// Hand-off to editors and producers: spreadsheets, Final Cut Pro 7 XML read back by OpenTimelineIO, Storyboarder
/// projects, and re-timing from an edited cut without re-rendering.
@Suite(.serialized) struct HandoffTests {
    func project() -> Project {
        var p = Project(title: "Hand-off", width: 160, height: 96, fps: 24)
        p.defaults.steps = 4
        var a = Shot(id: "s01", prompt: "wide shot of a horse on the beach, at sunset", seed: 3, duration: 1.5, camera: .pushIn,
                     action: "He says \"hello\", twice", dialogue: "Line one\nLine two", notes: "Café crème — naïve")
        a.transition = .dissolve
        var b = Shot(id: "s02", prompt: "a red sofa in a living room", seed: 4, duration: 1)
        b.steps = 7
        let c = Shot(id: "s03", prompt: "full shot of a man walking from left to right", seed: 5, duration: 0.75)
        p.shots = [a, b, c]
        return p
    }

    @Test func csvRoundTripKeepsCommasQuotesLineBreaksAndAccents() throws {
        let p = project()
        let text = ShotList.csv(p)
        #expect(text.hasPrefix("number,id,duration,camera,prompt,seed,action,dialogue,notes,transition,steps\r\n"))
        #expect(text.hasSuffix("\r\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        let (shots, columns) = try ShotList.shots(fromCSV: text, file: "shots.csv")
        #expect(columns.contains("transition"))
        #expect(shots.map(\.id) == ["s01", "s02", "s03"])
        for (a, b) in zip(shots, p.shots) {
            #expect(a.prompt == b.prompt && a.action == b.action && a.dialogue == b.dialogue && a.notes == b.notes)
            #expect(a.duration == b.duration && a.seed == b.seed && a.camera == b.camera && a.transition == b.transition && a.steps == b.steps)
        }
    }

    @Test func csvParserFollowsRFC4180() throws {
        let records = try CSVTable.parse("\u{FEFF}a,b\r\n\"x, \"\"y\"\"\",\"two\r\nlines\"\r\n\r\nlast,row")
        #expect(records.map(\.fields) == [["a", "b"], ["x, \"y\"", "two\r\nlines"], ["last", "row"]])
        #expect(records.map(\.line) == [1, 2, 5])
        #expect(throws: CSVTable.Failure.self) { try CSVTable.parse("a,\"open") }
    }

    @Test func csvBadValueNamesTheRowAndTheColumn() {
        let text = "id,prompt,duration\r\na,a horse,2\r\nb,a dog,1\r\nc,a cat,-1\r\n"
        #expect {
            try ShotList.shots(fromCSV: text, file: "shots.csv")
        } throws: { error in
            let d = (error as? ShotList.Problem)?.description ?? ""
            return d.hasPrefix("shots.csv: row 3, column 'duration': ") && d.contains("duration")
        }
    }

    @Test func csvUpdateMatchesByIDAddsNewOnesAndKeepsUnknownColumns() throws {
        let p = project()
        let sheet = "id,prompt,duration,mood\r\ns02,a blue sofa in a living room,2,calm\r\nnew1,a dog in a park,1,\r\ns01,wide shot of a horse on the beach at dawn,1.5,epic\r\n"
        let (shots, columns) = try ShotList.shots(fromCSV: sheet, file: "s.csv")
        let (merged, report) = ShotList.merge(shots, columns: columns, into: p)
        #expect(merged.shots.map(\.id) == ["s02", "new1", "s01", "s03"])
        #expect(merged.shots[0].prompt == "a blue sofa in a living room" && merged.shots[0].steps == 7)
        #expect(merged.shots[2].action == p.shots[0].action, "a column the sheet lacks is left as it was")
        #expect(merged.shots[0].extra.first?.key == "mood")
        #expect(report.contains("added new1") && report.contains { $0.contains("kept s03") })
        // And the project file keeps the unknown column as a shot key.
        let encoded = ProjectEncoder.encode(merged)
        #expect(encoded.contains("mood = \"calm\""))
    }

    @Test func fcp7XMLReadsBackInOpenTimelineIO() throws {
        let folder = TestFolder()
        let p = project()
        var options = ExportOptions()
        options.fcpxml = folder.path + "/cut.xml"
        _ = try Exporter(folder: folder.path, project: p).run(options)
        let script = """
            import opentimelineio as otio, sys
            t = otio.adapters.read_from_file(sys.argv[1], adapter_name="fcp_xml")
            for c in t.tracks[0]:
                if isinstance(c, otio.schema.Clip):
                    print(c.name, int(c.duration().value), c.duration().rate, c.media_reference.target_url.rsplit("/", 1)[-1])
            """
        let run = try runProgram("/usr/bin/env", ["python3", "-c", script, options.fcpxml!])
        #expect(run.status == 0, "\(run.err)")
        let lines = run.out.split(separator: "\n").map(String.init)
        // 1.5 s, 1 s and 0.75 s at 24 fps; the pushing-in and the walking shots are movies, the still sofa a PNG.
        #expect(lines == ["s01 36 24.0 001_s01.mp4", "s02 24 24.0 002_s02.png", "s03 18 24.0 003_s03.mp4"], "\(run.out)")
        for name in ["001_s01.mp4", "002_s02.png", "003_s03.mp4"] {
            #expect(FileManager.default.fileExists(atPath: folder.path + "/cut_media/" + name))
        }
    }

    @Test func storyboarderProjectRoundTripsWithImagesAtTheBoardCanvasSize() throws {
        let folder = TestFolder()
        let p = project()
        var options = ExportOptions()
        try FileManager.default.createDirectory(atPath: folder.path + "/sb", withIntermediateDirectories: true)
        options.storyboarder = folder.path + "/sb/board.storyboarder"
        _ = try Exporter(folder: folder.path, project: p).run(options)
        let data = try Data(contentsOf: URL(fileURLWithPath: options.storyboarder!))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["fps"] as? Double == 24 && json["defaultBoardTiming"] as? Int == 2000)
        let boards = try #require(json["boards"] as? [[String: Any]])
        #expect(boards.map { $0["duration"] as? Int } == [1500, 1000, 750])
        #expect(boards.map { $0["time"] as? Int } == [0, 1500, 2500])
        for board in boards {
            let url = try #require(board["url"] as? String)
            let layers = try #require(board["layers"] as? [String: [String: String]])
            for name in [url, url.replacingOccurrences(of: ".png", with: "-thumbnail.png")] + layers.values.compactMap({ $0["url"] }) {
                #expect(FileManager.default.fileExists(atPath: folder.path + "/sb/images/" + name), "\(name)")
            }
            let fill = try PNGDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/sb/images/" + layers["fill"]!["url"]!)))).frame
            #expect(fill.width == 1500 && fill.height == 900)
        }
        let back = try StoryboarderBoards.read(options.storyboarder!)
        #expect(back.boards.map(\.storyreelID) == ["s01", "s02", "s03"])
        #expect(back.boards.map(\.prompt) == p.shots.map(\.prompt))
        #expect(back.boards[0].dialogue == p.shots[0].dialogue && back.boards[0].notes == p.shots[0].notes)
        #expect(back.boards.map(\.durationSeconds) == [1.5, 1, 0.75])
    }

    @Test func aRetimedCutChangesDurationsAndOrderAndRendersNothing() throws {
        let folder = TestFolder()
        let p = project()
        var options = ExportOptions()
        options.otio = folder.path + "/cut.otio"
        options.fcpxml = folder.path + "/cut.xml"
        _ = try Exporter(folder: folder.path, project: p).run(options)
        // The editor, in OpenTimelineIO: s03 first and 2 s long, s01 trimmed to 1 s; saved as OTIO and as FCP7 XML.
        let script = """
            import opentimelineio as otio, sys
            t = otio.adapters.read_from_file(sys.argv[1])
            track = t.tracks[0]
            clips = [c.deepcopy() for c in track]
            clips[2].source_range = otio.opentime.TimeRange(otio.opentime.RationalTime(0, 24), otio.opentime.RationalTime(48, 24))
            clips[0].source_range = otio.opentime.TimeRange(otio.opentime.RationalTime(0, 24), otio.opentime.RationalTime(24, 24))
            track[:] = [clips[2], clips[0], clips[1]]
            otio.adapters.write_to_file(t, sys.argv[2])
            otio.adapters.write_to_file(t, sys.argv[3], adapter_name="fcp_xml")
            """
        let edit = try runProgram("/usr/bin/env", ["python3", "-c", script, options.otio!, folder.path + "/recut.otio", folder.path + "/recut.xml"])
        #expect(edit.status == 0, "\(edit.err)")
        for file in ["recut.otio", "recut.xml"] {
            let cut = try EditedCut.read(folder.path + "/" + file, projectFPS: 24)
            let (retimed, report) = try cut.apply(to: p)
            #expect(retimed.shots.map(\.id) == ["s03", "s01", "s02"], "\(file)")
            #expect(retimed.shots.map(\.duration) == [2, 1, 1], "\(file)")
            #expect(report.contains("order taken from the cut"))
            let results = try ProjectRenderer(folder: folder.path, project: retimed).render(retimed.shots)
            #expect(results.allSatisfy { $0.status == .cached && $0.denoiserCalls == 0 && !$0.wroteFrame }, "\(file)")
        }
        // Our own EDL, read back: the lengths it states.
        let edl = TimelineWriter.edl(project: p, shots: p.shots, timeline: AnimaticTimeline(shots: p.shots, fps: 24))
        try edl.write(toFile: folder.path + "/cut.edl", atomically: true, encoding: .utf8)
        let fromEDL = try EditedCut.read(folder.path + "/cut.edl", projectFPS: 24)
        #expect(fromEDL.clips == [.init(name: "s01", frames: 36), .init(name: "s02", frames: 24), .init(name: "s03", frames: 18)])
    }
}
