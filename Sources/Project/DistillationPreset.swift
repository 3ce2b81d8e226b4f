import Diffusion

/// Sampling defaults for few-step distilled models, recognised by the names of their checkpoint or LoRA files
/// (what A1111/ComfyUI users download: "lcm-lora-sdv1-5", "sd_turbo", "Hyper-SD15-8steps-lora", "dmd2_…",
/// "TCD-SD15-LoRA").
public struct DistillationPreset: Sendable, Equatable {
    /// The distillation's name as the file spells it ("tcd", "lcm", "turbo", "lightning", "hyper", "dmd").
    public let name: String
    public let sampler: Sampler
    public let schedule: Schedule
    public let steps: Int
    public let guidance: Double

    /// Every distilled family here is a few-step x0 predictor: the lcm sampler on its own timesteps suits them
    /// all, except TCD, whose LoRAs are meant for its own sampler (same timesteps, gamma 0.3; its authors use 4
    /// steps without guidance). Guidance 1 switches classifier-free guidance off, as these models were trained
    /// without it; LCM's authors suggest 1–2. A step count in the name ("8steps", "4step") wins over the family's
    /// default. TCD comes first: a name that says tcd asks for its sampler whatever else it says.
    static let families: [(word: String, sampler: Sampler, steps: Int, guidance: Double)] = [
        ("tcd", .tcd, 4, 1), ("lcm", .lcm, 4, 1.5), ("turbo", .lcm, 1, 1), ("lightning", .lcm, 4, 1), ("hyper", .lcm, 8, 1),
        ("dmd", .lcm, 4, 1),
    ]

    /// The preset the first recognised name calls for, or nil when none names a known distillation.
    public static func detect(in names: [String]) -> DistillationPreset? {
        for name in names {
            let file = name.split(separator: "/").last.map { $0.lowercased() } ?? ""
            for family in families where file.contains(family.word) {
                return DistillationPreset(name: family.word, sampler: family.sampler, schedule: .native,
                                          steps: stepCount(in: file) ?? family.steps, guidance: family.guidance)
            }
        }
        return nil
    }

    /// N from "Nstep" or "N-step" or "N_steps" in a file name, if 1…50.
    static func stepCount(in name: String) -> Int? {
        let chars = Array(name)
        var i = 0
        while i < chars.count {
            guard chars[i].isNumber else {
                i += 1
                continue
            }
            var j = i
            while j < chars.count, chars[j].isNumber { j += 1 }
            var k = j
            if k < chars.count, chars[k] == "-" || chars[k] == "_" { k += 1 }
            if String(chars[k..<min(chars.count, k + 4)]) == "step", let n = Int(String(chars[i..<j])), (1...50).contains(n) {
                return n
            }
            i = j
        }
        return nil
    }

    /// Applies the preset to a project's defaults.
    public func apply(to defaults: inout RenderDefaults) {
        defaults.sampler = sampler
        defaults.schedule = schedule
        defaults.steps = steps
        defaults.guidance = guidance
    }

    /// One line for the user: what was recognised and what it set.
    public var summary: String {
        "recognised a \(name) distillation: sampler \(sampler.rawValue), \(schedule.rawValue) schedule, \(steps) step\(steps == 1 ? "" : "s"), guidance \(guidance)"
    }
}
