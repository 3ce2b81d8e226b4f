import Foundation
import Imaging
import Testing
import TestSupport

/// `storyreel export` as a user runs it: the contact sheet read back and set beside poppler's rendering of the PDF,
/// an ffmpeg failure reported in ffmpeg's own words, Ctrl-C during an MP4, and progress that stays plain lines
/// when redirected.
@Suite struct ExportCommandTests {
    func project(in folder: TestFolder) throws -> String {
        let dir = folder.path + "/horse-beach"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Examples/horse-beach/storyboard.toml", toPath: dir + "/storyboard.toml")
        return dir
    }

    func storyreel(_ arguments: [String]) throws -> (out: String, err: String, status: Int32) {
        try runProgram(CLITests.binary, arguments, timeout: 300)
    }

    func decode(_ path: String) throws -> Frame {
        try PNGDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: path)))).frame
    }

    /// Mean absolute difference per channel between two equal-size frames.
    func meanDifference(_ a: Frame, _ b: Frame) -> Double {
        var sum = 0
        for i in 0..<(a.width * a.height) { for c in 0..<3 { sum += abs(Int(a.pixels[i * 4 + c]) - Int(b.pixels[i * 4 + c])) } }
        return Double(sum) / Double(a.width * a.height * 3)
    }

    @Test func sheetIsTheBoardAsOneImage() throws {
        let folder = TestFolder()
        let dir = try project(in: folder)
        let pdf = folder.path + "/board.pdf", sheet = folder.path + "/board.png"
        let result = try storyreel(["export", dir, "--pdf", pdf, "--sheet", sheet])
        #expect(result.status == 0, "\(result.err)")
        // poppler says how many pages and how large; the sheet stacks the pages at 2 pixels per point.
        let info = try runProgram("/usr/bin/env", ["pdfinfo", pdf]).out
        let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        let size = info.split(separator: "\n").first { $0.hasPrefix("Page size:") }?.split(separator: " ").compactMap { Double($0) } ?? []
        try #require(pages >= 2 && size.count >= 2, "\(info)")
        let image = try decode(sheet)
        let pageWidth = Int((size[0] * 2).rounded()), pageHeight = Int((size[1] * 2).rounded())
        #expect(image.width == pageWidth && image.height == pageHeight * pages, "\(image.width)×\(image.height)")
        // Each page of the sheet looks like poppler's rendering of that page of the PDF (same drawing, two renderers).
        let render = folder.path + "/poppler"
        _ = try runProgram("/usr/bin/env", ["pdftoppm", "-png", "-r", "144", pdf, render])
        for page in 0..<pages {
            let candidates = (try FileManager.default.contentsOfDirectory(atPath: folder.path)).filter { $0.hasPrefix("poppler-") }.sorted()
            let poppler = try decode(folder.path + "/" + candidates[page])
            try #require(poppler.width == pageWidth && poppler.height == pageHeight, "poppler page \(poppler.width)×\(poppler.height)")
            let slice = Frame(width: pageWidth, height: pageHeight,
                              pixels: Array(image.pixels[(page * pageWidth * pageHeight * 4)..<((page + 1) * pageWidth * pageHeight * 4)]))
            let difference = meanDifference(slice, poppler)
            // Panels are not background: a good share of each page is neither the page's white nor close to it.
            let inked = (0..<(pageWidth * pageHeight)).filter { i in (0..<3).contains { slice.pixels[i * 4 + $0] < 200 } }.count
            print("sheet page \(page + 1): mean difference from poppler \(String(format: "%.2f", difference)), \(inked * 100 / (pageWidth * pageHeight))% inked")
            #expect(difference < 6, "page \(page + 1) differs from the PDF by \(difference) on average")
            #expect(inked * 10 > pageWidth * pageHeight, "page \(page + 1) is mostly blank")
        }
    }

    @Test func anFFmpegFailureSaysWhatFFmpegSaid() throws {
        let folder = TestFolder()
        let dir = try project(in: folder)
        let audio = folder.path + "/temp.wav"
        try Data("this is a text file, not a sound".utf8).write(to: URL(fileURLWithPath: audio))
        // What ffmpeg itself says about this file.
        let direct = try runProgram("/usr/bin/env", ["ffmpeg", "-hide_banner", "-v", "error", "-i", audio, "-f", "null", "-"])
        let said = try #require(direct.err.split(separator: "\n").first.map(String.init), "ffmpeg accepted a text file as audio")
        let target = folder.path + "/cut.mp4"
        let result = try storyreel(["export", dir, "--mp4", target, "--audio", audio])
        #expect(result.status == 1)
        let errors = result.err.split(separator: "\n").filter { $0.hasPrefix("storyreel: error:") }
        #expect(errors.count == 1, "\(result.err)")
        #expect(errors.first?.contains(target) == true && errors.first?.contains(said) == true, "\(result.err) (ffmpeg says: \(said))")
        #expect(!FileManager.default.fileExists(atPath: target) && !FileManager.default.fileExists(atPath: target + ".manifest.json"))
        #expect(FaultInjectionTests.temporaries(under: folder.path).isEmpty, "left: \(FaultInjectionTests.temporaries(under: folder.path))")
    }

    @Test func ctrlCDuringAnMP4ExitsWith130AndLeavesNothing() throws {
        let folder = TestFolder()
        let dir = try project(in: folder)
        #expect(try storyreel(["render", dir]).status == 0)
        let target = folder.path + "/cut.mp4"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = ["export", dir, "--mp4", target]
        p.standardOutput = FileHandle.nullDevice
        let err = Pipe()
        p.standardError = err
        try p.run()
        // Interrupt once ffmpeg is writing: the partial file beside the target exists.
        let partial = ".cut.mp4.partial-\(p.processIdentifier)"
        let deadline = Date().addingTimeInterval(60)
        var encoding = false
        while Date() < deadline && p.isRunning && !encoding {
            encoding = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).contains { $0.hasPrefix(partial) }
            if !encoding { Thread.sleep(forTimeInterval: 0.01) }
        }
        try #require(encoding, "the export finished or failed before ffmpeg started")
        // As a terminal's Ctrl-C does: SIGINT to the process group of the command.
        if kill(-p.processIdentifier, SIGINT) != 0 { kill(p.processIdentifier, SIGINT) }
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == 130, "\(p.terminationStatus): \(stderr)")
        #expect(stderr.contains("interrupted"), "\(stderr)")
        FaultInjectionTests.waitForNoProcess(mentioning: partial)
        #expect(!FileManager.default.fileExists(atPath: target) && !FileManager.default.fileExists(atPath: target + ".manifest.json"))
        #expect(FaultInjectionTests.temporaries(under: folder.path).isEmpty, "left: \(FaultInjectionTests.temporaries(under: folder.path))")
    }

    @Test func progressWhenRedirectedIsPlainLines() throws {
        let folder = TestFolder()
        let dir = try project(in: folder)
        let render = try storyreel(["render", dir])
        let export = try storyreel(["export", dir, "--pdf", folder.path + "/board.pdf", "--edl", folder.path + "/cut.edl"])
        #expect(render.status == 0 && export.status == 0, "\(render.err)\(export.err)")
        for (name, err) in [("render", render.err), ("export", export.err)] {
            // No carriage returns or escape sequences: a log file or CI reads one event per line.
            #expect(!err.contains("\r") && !err.contains("\u{1B}"), "\(name): \(err.debugDescription)")
            let lines = err.split(separator: "\n")
            #expect(!lines.isEmpty)
            for line in lines {
                let plain = line.range(of: #"^\[\d+/\d+\] \S+ (rendered|cached) in \d+ ms → frames/\S+\.png$"#, options: .regularExpression) != nil
                    || line.range(of: #"^[a-z ]+: \d+/\d+$"#, options: .regularExpression) != nil
                    || line.hasPrefix("wrote /")
                #expect(plain, "\(name): '\(line)'")
            }
        }
        #expect(render.err.split(separator: "\n").count == 8, "one line per shot: \(render.err)")
        // A stage is reported when it starts and ends, not once per step.
        #expect(export.err.split(separator: "\n").filter { $0.hasPrefix("board pages") }.count <= 2, "\(export.err)")
    }
}
