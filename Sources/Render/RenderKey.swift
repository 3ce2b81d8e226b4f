import Diffusion
import Digest
import Project

/// The identity of a rendered keyframe: SHA-256 over a canonical encoding of every input that changes its pixels.
///
/// Durations, notes, titles, dialogue and shot order are not in it, so changing them re-renders nothing. The
/// conditioning is the model's own canonical form (for the sketch model, the resolved scene), so prompts that
/// mean the same thing share an entry.
public struct RenderKey: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// Version of this encoding; bump it to invalidate every cache entry at once.
    static let format = "storyreel-render-key/1"

    public init(modelID: String, weightsDigest: String, implementation: String, conditioning: [UInt8],
                seed: UInt32, variationSeed: UInt32?, variationStrength: Double?, sampler: Sampler, schedule: Schedule,
                steps: Int, guidance: Double?, width: Int, height: Int, initialNoise: [UInt8]? = nil,
                loras: [String] = [], composition: (source: RenderKey, strength: Double)? = nil) {
        var fields = [
            RenderKey.format,
            "model=\(modelID)",
            "weights=\(weightsDigest)",
            "implementation=\(implementation)",
            "conditioning=\(SHA256.hex(SHA256.hash(conditioning)))",
            "seed=\(seed)",
            "sampler=\(sampler.rawValue)",
            "schedule=\(schedule.rawValue)",
            "steps=\(steps)",
            "size=\(width)x\(height)",
        ]
        if let variationSeed, let variationStrength, variationStrength > 0 {
            fields.append("variation=\(variationSeed)@\(variationStrength)")
        }
        if let guidance { fields.append("guidance=\(guidance)") }
        // Each merged LoRA's file digest and strength, in merge order.
        if !loras.isEmpty { fields.append("loras=\(loras.joined(separator: ","))") }
        // Noise brought in from a file replaces the seed's: its digest keeps such renders apart in the cache.
        if let initialNoise { fields.append("noise=\(SHA256.hex(SHA256.hash(initialNoise)))") }
        // img2img: the render started from and how much of the schedule was run again.
        if let composition { fields.append("composition=\(composition.source.hex)@\(composition.strength)") }
        var h = SHA256()
        h.update(fields.joined(separator: "\n"))
        bytes = h.finalize()
    }

    /// The identity of a clip: its key drawing and every input that changes the motion (drawing rate, the shot's
    /// motion setting, the model's motion code). Durations only change how many drawings are shown.
    public init(clipOf keyDrawing: RenderKey, drawingsPerSecond: Int, motion: String, implementation: String) {
        var h = SHA256()
        h.update(["storyreel-clip-key/1", "key=\(keyDrawing.hex)", "drawings_per_second=\(drawingsPerSecond)",
                  "motion=\(motion)", "motion_implementation=\(implementation)"].joined(separator: "\n"))
        bytes = h.finalize()
    }

    /// The identity of a video-model clip: its key drawing (whose key holds every sampling input), the motion
    /// module, what it is animated from and how strongly, the drawing rate, the code, and any noise from a file.
    public init(videoOf keyDrawing: RenderKey, motionDigest: String, from: String, strength: Double, drawingsPerSecond: Int,
                implementation: String, noise: [UInt8]? = nil) {
        var fields = ["storyreel-video-clip-key/1", "key=\(keyDrawing.hex)", "motion_module=\(motionDigest)", "from=\(from)",
                      "drawings_per_second=\(drawingsPerSecond)", "implementation=\(implementation)",
                      "window=\(VideoWindows.length)/\(VideoWindows.overlap)"]
        if from == "key" { fields.append("strength=\(strength)") }
        if let noise { fields.append("noise=\(SHA256.hex(SHA256.hash(noise)))") }
        var h = SHA256()
        h.update(fields.joined(separator: "\n"))
        bytes = h.finalize()
    }

    /// One part of a clip: a window of a video clip (`part` "window", index k), or the set of windows a drawing
    /// was blended from ("drawing-windows", the indices), so a drawing is redrawn when a new window starts to cover it.
    public init(_ part: String, _ indices: [Int], of clip: RenderKey) {
        var h = SHA256()
        h.update(["storyreel-clip-part/1", "clip=\(clip.hex)", "\(part)=\(indices.map(String.init).joined(separator: ","))"].joined(separator: "\n"))
        bytes = h.finalize()
    }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// 64 lower-case hex digits.
    public var hex: String { SHA256.hex(bytes) }

    public var description: String { hex }
}
