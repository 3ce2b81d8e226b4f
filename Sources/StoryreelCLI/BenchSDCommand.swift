import ArgumentParser
import Dispatch
import Foundation
import SD

/// `storyreel bench sd`: real-size SD architectures with random weights, timed on this machine's CPU.
struct BenchSD: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sd",
        abstract: "Median seconds per UNet step (batch 1 and 2), text encode, TAESD and VAE decode; GFLOP/s and peak RSS.",
        discussion: """
            Builds the network in memory with random weights of the real shapes; no checkpoint is read. \
            --write-checkpoint FILE writes such a random SD 1.5 model as one LDM-layout .safetensors file (what \
            stable-diffusion.cpp, A1111 and ComfyUI load; f16 matrices with --weights f16). --sdcpp PATH runs \
            stable-diffusion.cpp's CLI on that file (or on a temporary one) at the same size and thread count, \
            without guidance so that a step is one UNet pass, and prints both per-step figures and the ratio.
            """)

    enum Architecture: String, ExpressibleByArgument, CaseIterable {
        case sd15
        case sdTurbo = "sd-turbo"
    }

    @Option(help: "Architecture: sd15 (SD 1.x) or sd-turbo (SD 2.x shapes).")
    var arch: Architecture = .sd15

    @Option(help: "Image size in pixels (square; a multiple of 8).")
    var size: Int = 256

    @Option(help: "Timed runs per figure (after one warm-up).")
    var runs: Int = 3

    enum Part: String, ExpressibleByArgument, CaseIterable {
        case text, unet, taesd, vae
    }

    enum Weights: String, ExpressibleByArgument, CaseIterable {
        case f16, f32
    }

    @Option(help: "Weight storage: f16 (kept 16-bit in memory, as from an f16 checkpoint) or f32.")
    var weights: Weights = .f32

    @Option(name: .customLong("part"), help: "Parts to time (repeat; default all): text, unet, taesd, vae.")
    var parts: [Part] = Part.allCases

    @Option(name: .customLong("write-checkpoint"), help: "Write the random-weight model as an LDM single file (SD 1.5) to FILE.")
    var writeCheckpoint: String?

    @Option(help: "stable-diffusion.cpp's CLI (sd-cli): time it on the written checkpoint beside our figures.")
    var sdcpp: String?

    @Option(help: "Batch of the second UNet figure: 2 is a guided step; 16 or 32 a video window's frames.")
    var batch: Int = 2

    @Option(help: "Sampling steps of the stable-diffusion.cpp run (--sdcpp).")
    var steps: Int = 4

    func validate() throws {
        guard size >= 64, size % 8 == 0 else { throw ValidationError("--size must be a multiple of 8, at least 64") }
        if writeCheckpoint != nil || sdcpp != nil, arch != .sd15 {
            throw ValidationError("--write-checkpoint and --sdcpp write the SD 1.5 architecture; drop --arch \(arch.rawValue)")
        }
        guard (1...50).contains(steps) else { throw ValidationError("--steps must be 1…50") }
    }

    func run() throws {
        var checkpoint = writeCheckpoint
        var temporary: String?
        if checkpoint == nil, sdcpp != nil {
            temporary = FileManager.default.temporaryDirectory.appendingPathComponent("storyreel-bench-sd15-\(getpid()).safetensors").path
            checkpoint = temporary
        }
        defer { if let temporary { unlink(temporary) } }
        if let checkpoint {
            System.keepLargeAllocations()
            let t = Date(), cpu = Self.cpuSeconds()
            let summary = try LDMCheckpointWriter.writeRandom(to: checkpoint, half: weights == .f16)
            Console.out(String(format: "wrote %@: random SD 1.5, LDM single-file layout, %d tensors, %.0f M parameters, %.2f GB (%@ matrices) in %.1f s (%.1f CPU s)",
                               checkpoint, summary.tensors, Double(summary.parameters) / 1e6, Double(summary.bytes) / 1e9,
                               weights.rawValue, Date().timeIntervalSince(t), Self.cpuSeconds() - cpu))
            if sdcpp == nil { return }
        }
        let ours = try bench()
        if let sdcpp, let checkpoint { try compare(sdcpp: sdcpp, checkpoint: checkpoint, ours: ours) }
    }

    /// Our figures, by what was timed ("unet1", "vae").
    func bench() throws -> [String: Figure] {
        var figures: [String: Figure] = [:]
        let latent = size / 8
        let unetConfig: UNetConfig = arch == .sd15 ? .sd15 : .sd21
        let textConfig: CLIPTextConfig = arch == .sd15 ? .vitL : .vitH
        Console.out("bench sd: \(arch.rawValue), \(size)×\(size) (latent \(latent)×\(latent)), \(ProcessInfo.processInfo.activeProcessorCount) threads, \(GEMMKernels.summary), random \(self.weights.rawValue) weights")
        Console.out("FMA peak: \(peak.summary)")
        System.keepLargeAllocations()
        let weights = RandomWeights(halfMatrices: self.weights == .f16)
        let build = Date()
        let unet = try UNet(WeightScope(weights), config: unetConfig)
        let unetParameters = weights.parameterCount
        let text = try CLIPTextEncoder(WeightScope(weights), config: textConfig)
        let tiny = try TinyDecoder(WeightScope(weights))
        let vae = try VAEDecoder(WeightScope(weights), config: .standard)
        Console.out(String(format: "built in %.1f s: UNet %.0f M parameters, %.0f M in all (%.2f GB as float32)",
                           Date().timeIntervalSince(build), Double(unetParameters) / 1e6, Double(weights.parameterCount) / 1e6,
                           Double(weights.parameterCount) * 4 / 1e9))

        let ids = [[49406] + [Int](repeating: 320, count: 10) + [Int](repeating: 49407, count: 66)]
        let context = try text.encode(ids)
        let sample = Tensor(shape: [1, 4, latent, latent], data: (0..<(4 * latent * latent)).map { Float(($0 * 7919) % 2001) / 1000 - 1 })
        if parts.contains(.text) { report("text encode", try measure { _ = try text.encode(ids) }) }
        if parts.contains(.unet) {
            figures["unet1"] = try measure { _ = unet(sample, timesteps: [500], context: context) }
            report("UNet step, batch 1", figures["unet1"]!)
            let batch = max(2, self.batch)
            let samples = Tensor.batch([Tensor](repeating: sample, count: batch)), contexts = Tensor.batch([Tensor](repeating: context, count: batch))
            report("UNet step, batch \(batch)", try measure {
                _ = unet(samples, timesteps: [Float](repeating: 500, count: batch), context: contexts)
            })
        }
        if parts.contains(.taesd) { report("TAESD decode", try measure { _ = tiny.decode(latents: sample) }) }
        if parts.contains(.vae) {
            figures["vae"] = try measure { _ = vae.decode(latents: sample) }
            report("VAE decode", figures["vae"]!)
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        Console.out(String(format: "peak RSS: %.2f GB (weights as float32: %.2f GB; stored as %@)", Double(usage.ru_maxrss) / 1e6,
                           Double(weights.parameterCount) * 4 / 1e9, self.weights.rawValue))
        return figures
    }

    /// stable-diffusion.cpp's CLI on the checkpoint: one run of `steps` Euler steps at guidance 1 (one UNet pass a
    /// step), its "sampling completed" and "decode_first_stage completed" times per step and per decode.
    func compare(sdcpp: String, checkpoint: String, ours: [String: Figure]) throws {
        let threads = ProcessInfo.processInfo.activeProcessorCount
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("storyreel-bench-sdcpp-\(getpid()).png").path
        defer { unlink(output) }
        let arguments = ["-m", checkpoint, "-p", "a photo of a cat", "-W", "\(size)", "-H", "\(size)", "--steps", "\(steps)",
                         "--cfg-scale", "1", "--sampling-method", "euler", "-t", "\(threads)", "-s", "42", "-o", output]
        Console.out("stable-diffusion.cpp: \(sdcpp) \(arguments.joined(separator: " "))")
        let conditioned = "get_learned_condition completed", sampled = "sampling completed", decoded = "decode_first_stage completed"
        let run = try runCapturingEverything(sdcpp, arguments, marks: [conditioned, sampled, decoded])
        guard let sampling = Self.seconds(after: "sampling completed, taking ", in: run.output) else {
            Console.out("stable-diffusion.cpp printed no sampling time (exit status \(run.status)); its last lines:\n\(run.output.split(separator: "\n").suffix(12).joined(separator: "\n"))")
            return
        }
        let perStep = sampling / Double(steps)
        // CPU seconds between the log lines that end conditioning and sampling: the steps (and the UNet's load).
        let stepCPU = run.cpuAtMark[sampled].flatMap { end in run.cpuAtMark[conditioned].map { (end - $0) / Double(steps) } }
        Console.out(String(format: "stable-diffusion.cpp: sampling %.2f s for %d steps, %.3f s a step (%@ CPU s a step); whole run %.1f s wall, %.1f CPU s",
                           sampling, steps, perStep, stepCPU.map { String(format: "%.2f", $0) } ?? "?", run.wall, run.cpu))
        @inline(__always) func ratio(_ theirs: Double?, _ ours: Double) -> String {
            theirs.map { String(format: "%.2f×", $0 / ours) } ?? "?"
        }
        if let unet = ours["unet1"] {
            Console.out(String(format: "UNet step, batch 1, %d×%d: Storyreel %.3f s (%.2f CPU s), stable-diffusion.cpp %.3f s (%@ CPU s): %.2f× faster in wall time, %@ in CPU time",
                               size, size, unet.seconds, unet.cpuSeconds, perStep, stepCPU.map { String(format: "%.2f", $0) } ?? "?",
                               perStep / unet.seconds, ratio(stepCPU, unet.cpuSeconds)))
        }
        if let vae = ours["vae"], let decode = Self.seconds(after: "decode_first_stage completed, taking ", in: run.output) {
            let decodeCPU = run.cpuAtMark[decoded].flatMap { end in run.cpuAtMark[sampled].map { end - $0 } }
            Console.out(String(format: "VAE decode, %d×%d: Storyreel %.3f s (%.2f CPU s), stable-diffusion.cpp %.3f s (%@ CPU s): %.2f× faster in wall time, %@ in CPU time",
                               size, size, vae.seconds, vae.cpuSeconds, decode, decodeCPU.map { String(format: "%.2f", $0) } ?? "?",
                               decode / vae.seconds, ratio(decodeCPU, vae.cpuSeconds)))
        }
    }

    /// The number after the last `marker` in `text` ("taking 3.68s" → 3.68).
    static func seconds(after marker: String, in text: String) -> Double? {
        guard let range = text.range(of: marker, options: .backwards) else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isNumber || $0 == "." }
        return Double(digits)
    }

    var peak: FMAPeak { FMAPeak.current }

    /// Median and fastest seconds of `runs` calls after a warm-up, with their GFLOP/s and the median run's CPU
    /// seconds (well under threads × wall seconds when other processes took the cores).
    func measure(_ body: () throws -> Void) throws -> Figure {
        try body()
        var samples: [(seconds: Double, operations: Double, cpu: Double)] = []
        for _ in 0..<max(1, runs) {
            let ops = ProductCounter.operations, cpu = Self.cpuSeconds()
            let t = DispatchTime.now().uptimeNanoseconds
            try body()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
            samples.append((seconds, ProductCounter.operations - ops, Self.cpuSeconds() - cpu))
        }
        samples.sort { $0.seconds < $1.seconds }
        let median = samples[samples.count / 2]
        return Figure(seconds: median.seconds, fastest: samples[0].seconds, gflops: median.operations / median.seconds / 1e9,
                      fastestGflops: samples[0].operations / samples[0].seconds / 1e9, cpuSeconds: median.cpu)
    }

    /// User and system CPU seconds of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    struct Figure {
        let seconds: Double, fastest: Double, gflops: Double, fastestGflops: Double, cpuSeconds: Double
    }

    func report(_ what: String, _ figure: Figure) {
        let peak = self.peak.gflops
        Console.out(String(format: "%@: %.3f s median of %d, fastest %.3f s; %.1f GFLOP/s median (%.0f%% of peak), %.1f fastest (%.0f%%); median run used %.2f CPU s",
                           what, figure.seconds, runs, figure.fastest, figure.gflops, 100 * figure.gflops / peak,
                           figure.fastestGflops, 100 * figure.fastestGflops / peak, figure.cpuSeconds))
    }
}
