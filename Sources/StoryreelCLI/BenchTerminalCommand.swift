import ArgumentParser
import Foundation
import Imaging
import Sketch
import Diffusion
import Terminal

/// `storyreel bench terminal`: our sixel and half-block encoders beside img2sixel and chafa on a real sketch frame.
struct BenchTerminal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminal",
        abstract: "Sixel and half-block encode time, bytes and PSNR, side by side with img2sixel and chafa.")

    @Option(help: "Timed runs per measurement.")
    var runs: Int = 21

    func run() throws {
        let frame = try sketchFrame()
        Console.out("median of \(runs) runs; peers timed as whole processes")
        try compare(frame, name: "512x288 sketch frame (wide shot, horse galloping on a beach at sunset)", chafaCells: "64x36")
        let photo = PhotographicPicture.make()
        try compare(photo, name: "800x460 photographic picture (gradients, sun glow, fine branches, grating, grain)", chafaCells: "100x58")

        // Half-blocks.
        let cells = CellImage(frame: frame, columns: 128, rows: 36)
        let downscale = Stopwatch.median(runs) { _ = CellImage(frame: frame, columns: 128, rows: 36) }
        var encoded: [UInt8] = []
        let encode = Stopwatch.median(runs * 5) { encoded = HalfBlockEncoder().encode(cells) }
        let lossless = HalfBlockDecoder(columns: 128, rows: 36).decode(encoded) == cells
        Console.out(String(format: "halfblock 128x36 encode %.3f ms (target ≤ 0.5), downscale %.2f ms, %d bytes, lossless at cell resolution: %@",
                           encode * 1000, downscale * 1000, encoded.count, lossless ? "yes" : "NO"))
        var patched = frame
        for y in 100..<116 {
            for x in 200..<216 {
                let i = (y * 512 + x) * 4
                patched.pixels[i] = 255
                patched.pixels[i + 1] = 0
                patched.pixels[i + 2] = 0
            }
        }
        let diff = HalfBlockEncoder().encode(CellImage(frame: patched, columns: 128, rows: 36), previous: cells)
        Console.out("halfblock diff after a 16x16-pixel patch changed: \(diff.count) bytes (target ≤ 2048)")
    }

    /// Our sixel beside img2sixel and chafa, our whole `show` process beside img2sixel's, and the kitty and iTerm2
    /// encoders, on one picture.
    func compare(_ frame: Frame, name: String, chafaCells: String) throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("storyreel-bench-term-\(getpid()).png").path
        defer { try? FileManager.default.removeItem(atPath: temp) }
        try Data(try PNGEncoder.encode(frame)).write(to: URL(fileURLWithPath: temp))
        Console.out("source: \(name)")

        var bytes: [UInt8] = []
        let ours = Stopwatch.median(runs) { bytes = SixelEncoder().encode(frame) }
        let ourPSNR = psnr(frame, try SixelDecoder.decode(bytes))
        Console.out(String(format: "sixel   storyreel encoder  %7.2f ms  %8d bytes  PSNR %.2f dB", ours * 1000, bytes.count, ourPSNR))
        // The whole command a user runs, process start and PNG decode included, output to a pipe.
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var shown: [UInt8] = []
        let process = Stopwatch.median(max(5, runs / 2)) { shown = capture(me, ["show", "--mode", "sixel", temp]) }
        Console.out(String(format: "sixel   storyreel show     %7.2f ms  %8d bytes  (whole process)", process * 1000, shown.count))

        var peerTime: Double? = nil, peerBytes: Int? = nil, peerPSNR: Double? = nil
        if let img2sixel = which("img2sixel") {
            var out: [UInt8] = []
            let t = Stopwatch.median(max(5, runs / 2)) { out = capture(img2sixel, ["-d", "none", temp]) }
            let p = (try? SixelDecoder.decode(out)).map { psnr(frame, fit($0, to: frame)) } ?? .nan
            Console.out(String(format: "sixel   img2sixel -d none  %7.2f ms  %8d bytes  PSNR %.2f dB", t * 1000, out.count, p))
            var dithered: [UInt8] = []
            let td = Stopwatch.median(max(5, runs / 2)) { dithered = capture(img2sixel, [temp]) }
            let pd = (try? SixelDecoder.decode(dithered)).map { psnr(frame, fit($0, to: frame)) } ?? .nan
            Console.out(String(format: "sixel   img2sixel (default) %6.2f ms  %8d bytes  PSNR %.2f dB", td * 1000, dithered.count, pd))
            peerTime = t
            peerBytes = out.count
            peerPSNR = p
        } else {
            Console.out("sixel   img2sixel: skipped (not installed; Debian package libsixel-bin)")
        }
        var chafaPSNR: Double? = nil
        if let chafa = which("chafa") {
            var out: [UInt8] = []
            let t = Stopwatch.median(max(5, runs / 2)) { out = capture(chafa, ["-f", "sixels", "--animate=off", "--size=\(chafaCells)", "--font-ratio=1", temp]) }
            if let decoded = try? SixelDecoder.decode(out) {
                chafaPSNR = psnr(frame, fit(decoded, to: frame))
                Console.out(String(format: "sixel   chafa              %7.2f ms  %8d bytes  PSNR %.2f dB (decoded %dx%d)", t * 1000, out.count, chafaPSNR!, decoded.width, decoded.height))
            } else {
                Console.out("sixel   chafa: output could not be decoded")
            }
        } else {
            Console.out("sixel   chafa: skipped (not installed; Debian package chafa)")
        }
        if let peerTime, let peerBytes, let peerPSNR {
            Console.out(String(format: "  ratios: encoder %.2f × and show %.2f × img2sixel's time (target < 1), bytes %.2f × img2sixel -d none (target ≤ 1), PSNR %+.2f dB (target ≥ +2)",
                               ours / peerTime, process / peerTime, Double(bytes.count) / Double(peerBytes), ourPSNR - peerPSNR))
        }
        if let chafaPSNR { Console.out(String(format: "  PSNR %+.2f dB against chafa (target ≥ 0)", ourPSNR - chafaPSNR)) }

        // kitty and iTerm2: PNG (level 1, Up filter) in base64, lossless.
        var kitty: [UInt8] = [], iterm: [UInt8] = []
        let kittyTime = Stopwatch.median(runs) { kitty = (try? KittyGraphics.transmit(frame, id: 1)) ?? [] }
        let itermTime = Stopwatch.median(runs) { iterm = (try? ITermImage.encode(frame)) ?? [] }
        Console.out(String(format: "kitty   encode             %7.2f ms  %8d bytes  lossless", kittyTime * 1000, kitty.count))
        Console.out(String(format: "iterm2  encode             %7.2f ms  %8d bytes  lossless", itermTime * 1000, iterm.count))
    }

    func sketchFrame() throws -> Frame {
        let plan = SketchPlan(prompt: "wide shot of a white horse galloping on the beach at sunset")
        let sigmas = SketchModel.sigmas(steps: 20, schedule: .karras)
        let noise = GaussianNoise(seed: 504)
        let start = noise.values(stream: 0, count: plan.latentCount).map { $0 * sigmas[0] }
        let latent = try Sampling.sample(.dpmpp2m, denoiser: plan.denoiser, x: start, sigmas: sigmas, noise: noise)
        return plan.frame(latent: latent, width: 512, height: 288)
    }

    func which(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func capture(_ path: String, _ args: [String]) -> [UInt8] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        p.environment = ["TERM": "xterm-256color", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""]
        try? p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Array(data)
    }

    /// A decoded peer image at the source size (area-averaged) so PSNR compares like with like.
    func fit(_ image: Frame, to source: Frame) -> Frame {
        image.width == source.width && image.height == source.height ? image : image.resampled(width: source.width, height: source.height)
    }

    func psnr(_ a: Frame, _ b: Frame) -> Double {
        guard a.width == b.width, a.height == b.height else { return .nan }
        var se = 0.0
        for i in 0..<(a.width * a.height) {
            for c in 0..<3 {
                let d = Double(a.pixels[i * 4 + c]) - Double(b.pixels[i * 4 + c])
                se += d * d
            }
        }
        let mse = se / Double(a.width * a.height * 3)
        return mse == 0 ? 99 : 10 * log10(255 * 255 / mse)
    }
}
