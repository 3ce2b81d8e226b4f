import ArgumentParser
import Dispatch
import Foundation
import SD

/// `storyreel bench sd`: real-size SD architectures with random weights, timed on this machine's CPU.
struct BenchSD: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sd",
        abstract: "Median seconds per UNet step (batch 1 and 2), text encode, TAESD and VAE decode; GFLOP/s and peak RSS.",
        discussion: "Builds the network in memory with random weights of the real shapes; no checkpoint is read.")

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

    func validate() throws {
        guard size >= 64, size % 8 == 0 else { throw ValidationError("--size must be a multiple of 8, at least 64") }
    }

    func run() throws {
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
            report("UNet step, batch 1", try measure { _ = unet(sample, timesteps: [500], context: context) })
            report("UNet step, batch 2", try measure {
                _ = unet(Tensor.batch([sample, sample]), timesteps: [500, 500], context: Tensor.batch([context, context]))
            })
        }
        if parts.contains(.taesd) { report("TAESD decode", try measure { _ = tiny.decode(latents: sample) }) }
        if parts.contains(.vae) { report("VAE decode", try measure { _ = vae.decode(latents: sample) }) }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        Console.out(String(format: "peak RSS: %.2f GB (weights as float32: %.2f GB; stored as %@)", Double(usage.ru_maxrss) / 1e6,
                           Double(weights.parameterCount) * 4 / 1e9, self.weights.rawValue))
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
