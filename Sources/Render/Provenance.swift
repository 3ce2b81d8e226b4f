import Diffusion
import Imaging
import JSON
import Project

/// The text chunks every keyframe carries: the `parameters` layout other diffusion tools read, and the full render
/// record as JSON. No dates or paths go in, so the same render gives the same file byte for byte.
public enum Provenance {
    public static let tool = "storyreel 0.1.0"
    /// iTXt keyword of the JSON render record.
    public static let recordKeyword = "storyreel"

    /// Sampler names as Automatic1111's `parameters` chunk spells them.
    static func samplerName(_ s: Sampler) -> String {
        switch s {
        case .euler: return "Euler"
        case .eulerAncestral: return "Euler a"
        case .dpmpp2m: return "DPM++ 2M"
        case .ddim: return "DDIM"
        case .lcm: return "LCM"
        case .tcd: return "TCD"
        }
    }

    /// `prompt\nNegative prompt: …\nSteps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 1, Size: WxH, Model: sketch, …`
    public static func parameters(shot: Shot, settings: RenderSettings, model: any ShotModel) -> String {
        var text = shot.prompt
        if !settings.negative.isEmpty { text += "\nNegative prompt: \(settings.negative)" }
        var fields = [
            "Steps: \(settings.steps)",
            "Sampler: \(samplerName(settings.sampler))",
            "Schedule type: \(settings.schedule == .karras ? "Karras" : "Automatic")",
            "CFG scale: \(format(settings.guidance))",
            "Seed: \(shot.seed)",
            "Size: \(settings.width)x\(settings.height)",
        ]
        if model.weightsDigest != "builtin" { fields.append("Model hash: \(model.weightsDigest.prefix(10))") }
        fields.append("Model: \(model.id)")
        if let v = shot.variationSeed, let s = shot.variationStrength, s > 0 {
            fields.append("Variation seed: \(v)")
            fields.append("Variation seed strength: \(format(s))")
        }
        let loras = merged(settings: settings, model: model)
        if !loras.isEmpty {
            // A1111's field: "name: hash" pairs, quoted; the strengths are in its prompt syntax, so listed here too.
            fields.append("Lora hashes: \"\(loras.map { "\($0.name): \($0.digest.prefix(12))" }.joined(separator: ", "))\"")
            fields.append("Lora strengths: \"\(loras.map { "\($0.name): \(format($0.strength))" }.joined(separator: ", "))\"")
        }
        fields.append("Version: \(tool)")
        return text + "\n" + fields.joined(separator: ", ")
    }

    /// The LoRAs the model merged: file name without folder or extension (no paths go in), digest, strength.
    static func merged(settings: RenderSettings, model: any ShotModel) -> [(name: String, digest: String, strength: Double)] {
        guard model.loraKeys.count == settings.loras.count else { return [] }
        return zip(settings.loras, model.loraKeys).map { lora, key in
            let file = lora.path.split(separator: "/").last.map(String.init) ?? lora.path
            let name = file.hasSuffix(".safetensors") ? String(file.dropLast(".safetensors".count)) : file
            return (name, String(key.split(separator: "@").first ?? ""), lora.strength)
        }
    }

    /// The full render record.
    public static func record(shot: Shot, settings: RenderSettings, model: any ShotModel, key: RenderKey) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("format", .integer(1)),
            ("tool", .string(tool)),
            ("shot", .string(shot.id)),
            ("key", .string(key.hex)),
            ("model", .string(model.id)),
            ("weights", .string(model.weightsDigest)),
            ("implementation", .string(model.implementation)),
            ("prompt", .string(shot.prompt)),
            ("negative", .string(settings.negative)),
            ("seed", .integer(Int64(shot.seed))),
            ("variation_seed", shot.variationSeed.map { .integer(Int64($0)) } ?? .null),
            ("variation_strength", shot.variationStrength.map(JSONValue.number) ?? .null),
            ("sampler", .string(settings.sampler.rawValue)),
            ("schedule", .string(settings.schedule.rawValue)),
            ("steps", .integer(Int64(settings.steps))),
            ("guidance", .number(settings.guidance)),
            ("width", .integer(Int64(settings.width))),
            ("height", .integer(Int64(settings.height))),
        ]
        let loras = merged(settings: settings, model: model)
        if !loras.isEmpty {
            fields.append(("loras", .array(loras.map {
                .object([("name", .string($0.name)), ("sha256", .string($0.digest)), ("strength", .number($0.strength))])
            })))
        }
        return .object(fields)
    }

    /// Both chunks, in file order. `parameters` is a tEXt chunk as other tools write it, or iTXt when the prompt
    /// has characters Latin-1 cannot hold (tools that read one read the other).
    public static func chunks(shot: Shot, settings: RenderSettings, model: any ShotModel, key: RenderKey) -> [PNGTextChunk] {
        let text = parameters(shot: shot, settings: settings, model: model)
        let latin1 = text.unicodeScalars.allSatisfy { $0.value < 256 && $0.value != 0 }
        return [
            PNGTextChunk(keyword: "parameters", text: text, kind: latin1 ? .text : .internationalText),
            PNGTextChunk(keyword: recordKeyword, text: record(shot: shot, settings: settings, model: model, key: key).serialized(), kind: .internationalText),
        ]
    }

    /// A clip drawing's chunks: the frame's, with the drawing's number and the clip's identity added (never the
    /// drawing count, so a longer shot leaves the drawings it already had as they are).
    public static func drawingChunks(shot: Shot, settings: RenderSettings, model: any ShotModel, key: RenderKey,
                                     clip: RenderKey, drawing index: Int, drawingsPerSecond: Int) -> [PNGTextChunk] {
        var chunks = self.chunks(shot: shot, settings: settings, model: model, key: key)
        chunks[0].text += ", Drawing: \(index + 1), Drawings per second: \(drawingsPerSecond)"
        // A video model's drawing also names its motion module and what it was animated from.
        let motion = settings.motionModel.map { path in
            (name: String(path.split(separator: "/").last ?? Substring(path)), from: settings.motionFrom.rawValue)
        }
        if let motion {
            chunks[0].text += ", Motion module: \(motion.name), Motion from: \(motion.from)"
                + (settings.motionFrom == .key ? ", Motion strength: \(format(settings.motionStrength))" : "")
        }
        if case .object(var members) = record(shot: shot, settings: settings, model: model, key: key) {
            members += [("clip", .string(clip.hex)), ("drawing", .integer(Int64(index + 1))),
                        ("drawings_per_second", .integer(Int64(drawingsPerSecond)))]
            if let motion {
                members += [("motion_module", .string(motion.name)), ("motion_from", .string(motion.from))]
                if settings.motionFrom == .key { members.append(("motion_strength", .number(settings.motionStrength))) }
            }
            chunks[1].text = JSONValue.object(members).serialized()
        }
        return chunks
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(v)
    }
}
