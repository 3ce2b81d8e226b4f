import ArgumentParser
import Diffusion
import Dispatch
import Foundation
import SD

/// `storyreel bench video`: SD 1.5 with AnimateDiff v2 motion modules at real size (random weights), timed on this
/// machine's CPU: the 16-frame UNet step, whole few-step clips with their TAESD decode, image-to-video, peak RSS.
struct BenchVideo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "video",
        abstract: "Seconds per 16-frame AnimateDiff UNet step, per 2- and 4-step clip (with TAESD decode), per image-to-video clip; peak RSS.",
        discussion: """
            Builds SD 1.5 and a motion module of mm_sd_v15_v2's shape in memory with random f16 weights; no checkpoint is \
            read. Clips are sampled as AnimateDiff-Lightning samples them (Euler, trailing timesteps, no guidance). With \
            --torch PYTHON (a Python with torch and diffusers) the same 16-frame step is timed through diffusers' \
            UNetMotionModel, side by side, on the same threads.
            """)

    @Option(help: "Image size in pixels (square; a multiple of 8).")
    var size: Int = 256

    @Option(help: "Frames per window.")
    var frames: Int = 16

    @Option(help: "A Python with torch and diffusers, to time diffusers' UNetMotionModel on the same input shape.")
    var torch: String?

    func validate() throws {
        guard size >= 64, size % 8 == 0 else { throw ValidationError("--size must be a multiple of 8, at least 64") }
        guard (1...32).contains(frames) else { throw ValidationError("--frames must be 1…32 (the motion module's positions)") }
    }

    func run() throws {
        let latent = size / 8
        Console.out("bench video: SD 1.5 + AnimateDiff v2 shapes, \(size)×\(size) (latent \(latent)×\(latent)), \(frames) frames, \(ProcessInfo.processInfo.activeProcessorCount) threads, \(GEMMKernels.summary), random f16 weights")
        System.keepLargeAllocations()
        let weights = RandomWeights(halfMatrices: true)
        let build = Date()
        let unet = try UNet(WeightScope(weights), config: .sd15)
        let unetParameters = weights.parameterCount
        let motion = try MotionAdapter(weights, config: MotionAdapterConfig(blockOutChannels: UNetConfig.sd15.blockOutChannels))
        let motionParameters = weights.parameterCount - unetParameters
        let tiny = try TinyDecoder(WeightScope(weights))
        Console.out(String(format: "built in %.1f s: UNet %.0f M parameters, motion module %.0f M", Date().timeIntervalSince(build),
                           Double(unetParameters) / 1e6, Double(motionParameters) / 1e6))
        let context = Tensor(shape: [1, 77, 768], data: (0..<(77 * 768)).map { Float(($0 * 7919) % 2001) / 2000 - 0.5 })
        let contexts = Tensor.batch(Array(repeating: context, count: frames))
        let count = frames * 4 * latent * latent
        let noise = GaussianNoise(seed: 1).values(stream: 0, count: count)
        let shape = [frames, 4, latent, latent]
        func step(_ x: [Float], sigma: Float) -> [Float] {
            unet(Tensor(shape: shape, data: x), timesteps: Array(repeating: 500, count: frames), context: contexts,
                 motion: motion, frames: frames).data
        }
        // A denoiser of the same cost as VideoDenoiser without guidance (epsilon prediction).
        struct BenchDenoiser: Denoiser {
            let body: ([Float], Float) -> [Float]
            func denoise(_ x: [Float], sigma: Float) throws -> [Float] {
                let scale = 1 / (sigma * sigma + 1).squareRoot()
                let eps = body(x.map { $0 * scale }, sigma)
                return zip(x, eps).map { $0 - sigma * $1 }
            }
        }
        let denoiser = BenchDenoiser(body: step)
        func decode(_ latents: [Float]) {
            let per = 4 * latent * latent
            for f in 0..<frames {
                _ = tiny.decode(latents: Tensor(shape: [1, 4, latent, latent], data: Array(latents[(f * per)..<((f + 1) * per)])))
            }
        }
        func clip(steps: Int, strength: Double = 1) throws -> Double {
            let sigmas = SchedulerConfig().animateDiff().sigmas(steps: steps, schedule: .native)
            let first = steps - max(1, Int((Double(steps) * strength).rounded()))
            let start = noise.map { $0 * sigmas[first] }
            return try time {
                decode(try Sampling.sample(.euler, denoiser: denoiser, x: start, sigmas: Array(sigmas[first...]),
                                           noise: GaussianNoise(seed: 1)))
            }
        }
        _ = step(noise, sigma: 1)  // warm-up: first-touch of the weights and the arenas
        let ops = ProductCounter.operations
        let oneStep = try time { _ = step(noise, sigma: 1) }
        let flops = ProductCounter.operations - ops
        Console.out(String(format: "UNet step, %d frames: %.1f s wall, %.1f CPU s (%.2f s a frame; %.0f GFLOP in products, %.1f GFLOP/s)",
                           frames, oneStep, lastCPU, oneStep / Double(frames), flops / 1e9, flops / oneStep / 1e9))
        let plain = try time {
            _ = unet(Tensor(shape: shape, data: noise), timesteps: Array(repeating: 500, count: frames), context: contexts)
        }
        Console.out(String(format: "  of which the SD UNet alone (no motion modules): %.1f s wall, %.1f CPU s", plain, lastCPU))
        let decodeTime = try time { decode(noise) }
        Console.out(String(format: "TAESD decode, %d frames: %.2f s wall, %.2f CPU s", frames, decodeTime, lastCPU))
        for steps in [2, 4] {
            let seconds = try clip(steps: steps)
            Console.out(String(format: "%d-step clip (Euler, trailing, no guidance) with TAESD decode: %.1f s wall, %.1f CPU s", steps, seconds, lastCPU))
        }
        let i2v = try clip(steps: 4, strength: 0.5)
        Console.out(String(format: "image-to-video, 4 steps at strength 0.5 (2 UNet steps) with TAESD decode: %.1f s wall, %.1f CPU s", i2v, lastCPU))
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        Console.out(String(format: "peak RSS: %.2f GB (UNet + motion module stored as f16: %.2f GB)", Double(usage.ru_maxrss) / 1e6,
                           Double(unetParameters + motionParameters) * 2 / 1e9))
        if let torch { try compareWithDiffusers(torch) }
    }

    /// Wall seconds of `body`, and the CPU seconds this process spent in it (well under threads × wall when other
    /// processes took the cores: the fairer figure on a shared machine).
    func time(_ body: () throws -> Void) throws -> Double {
        let cpu = BenchSD.cpuSeconds()
        let t = DispatchTime.now().uptimeNanoseconds
        try body()
        lastCPU = BenchSD.cpuSeconds() - cpu
        return Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
    }

    /// CPU seconds of the last `time` call.
    nonisolated(unsafe) static var lastCPUSeconds = 0.0
    var lastCPU: Double {
        get { Self.lastCPUSeconds }
        nonmutating set { Self.lastCPUSeconds = newValue }
    }

    /// Times diffusers' UNetMotionModel (random weights, float32, the same shapes and threads) for one step.
    func compareWithDiffusers(_ python: String) throws {
        let script = """
            import time, torch
            from diffusers import MotionAdapter, UNet2DConditionModel, UNetMotionModel
            torch.set_num_threads(\(ProcessInfo.processInfo.activeProcessorCount))
            unet = UNet2DConditionModel(cross_attention_dim=768, attention_head_dim=8)
            model = UNetMotionModel.from_unet2d(unet, MotionAdapter()).eval()
            x = torch.randn(1, 4, \(frames), \(size / 8), \(size / 8)); c = torch.randn(\(frames), 77, 768)
            with torch.no_grad():
                model(x, 500, encoder_hidden_states=c)
                t = time.time(); model(x, 500, encoder_hidden_states=c); print(f"{time.time() - t:.1f}")
            """
        let output = try runCapturingOutput(python, ["-c", script])
        guard let seconds = Double(output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "") else {
            Console.out("diffusers comparison printed no time (is \(python) a Python with torch and diffusers?): \(output.suffix(400))")
            return
        }
        Console.out(String(format: "diffusers UNetMotionModel step, %d frames, float32: %.1f s", frames, seconds))
    }
}
