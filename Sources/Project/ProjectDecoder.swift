import Diffusion
import TOML

/// Reads `storyboard.toml` text into a `Project`, checking every field; unknown keys are kept and reported.
public enum ProjectDecoder {
    /// Seeds are 32-bit, as in the `Seed:` field other diffusion tools read.
    public static let seedRange: ClosedRange<Int64> = 0...Int64(UInt32.max)
    public static let sizeRange: ClosedRange<Int64> = 64...4096

    /// Parses `text`; `file` names the file in messages. Returns the project and one warning per unknown key.
    public static func decode(_ text: String, file: String) throws(ProjectError) -> (Project, [String]) {
        let root: TOMLTable
        do {
            root = try TOMLParser.parse(text)
        } catch {
            throw ProjectError(file: file, line: error.position.line, column: error.position.column, message: error.message)
        }
        var warnings: [String] = []
        var reader = TableReader(root, file: file, context: "the project")
        var project = Project(title: "")
        project.title = try reader.string("title", maxLength: 1000) ?? "Untitled"
        project.client = try reader.string("client", maxLength: 1000) ?? ""
        let width = try reader.integer("width", in: sizeRange, what: "a width in pixels")
        let height = try reader.integer("height", in: sizeRange, what: "a height in pixels")
        for (key, value) in [("width", width), ("height", height)] {
            if let value, value % 8 != 0, let node = root[key] {
                throw reader.error(node, "'\(key)' is \(value); expected a multiple of 8 (latent models work in 8-pixel blocks)")
            }
        }
        project.width = Int(width ?? Int64(Project.defaultWidth))
        project.height = Int(height ?? Int64(Project.defaultHeight))
        project.fps = try reader.number("fps", in: 1...120, what: "frames per second") ?? 24
        project.model = try reader.string("model", maxLength: 4096) ?? "sketch"
        if let node = root["model"] { try checkModel(project.model, node: node, reader: reader) }
        if let rate = try drawingRate(&reader, in: root) { project.drawingsPerSecond = rate }
        project.vae = try reader.string("vae", maxLength: 4096)
        if let node = root["vae"], project.vae?.isEmpty == true { throw reader.error(node, "'vae' is empty; expected a path to a VAE file or folder") }
        project.prediction = try reader.choice("prediction", { PredictionSetting(rawValue: $0) }, names: PredictionSetting.allCases.map(\.rawValue))
        project.loras = try reader.loras("loras") ?? []
        project.motionModel = try motionModel(&reader, in: root)
        project.cacheLimitMB = Int(try reader.integer("cache_limit_mb", in: 16...1_000_000, what: "a size in MiB") ?? 1024)

        if let node = reader.node("defaults") {
            guard case .table(let table) = node.value else {
                throw reader.error(node, "'defaults' must be a table ([defaults]), found \(describe(node.value))")
            }
            project.defaults = try decodeDefaults(table, file: file, warnings: &warnings)
        }

        var seen: [String: Int] = [:]
        if let node = reader.node("shot") {
            guard case .array(let items) = node.value else {
                throw reader.error(node, "'shot' must be a list of [[shot]] tables, found \(describe(node.value))")
            }
            for item in items {
                guard case .table(let table) = item.value else {
                    throw reader.error(item, "each shot must be a [[shot]] table, found \(describe(item.value))")
                }
                let shot = try decodeShot(table, file: file, warnings: &warnings)
                let folded = shot.id.lowercased()
                if let first = seen[folded], let idNode = table["id"] {
                    throw ProjectError(file: file, line: idNode.position.line, column: idNode.position.column,
                                       message: "duplicate shot id '\(shot.id)'; line \(first) already uses it (ids name frame files, so they must differ, ignoring case)")
                }
                seen[folded] = table["id"]?.position.line ?? 0
                project.shots.append(shot)
            }
        }
        project.extra = reader.extra
        project.comments = reader.comments
        if !root.trailingComments.isEmpty { project.comments["#end"] = Comments(leading: root.trailingComments) }
        for entry in project.extra {
            warnings.append("\(file):\(entry.keyPosition.line):\(entry.keyPosition.column): unknown key '\(entry.key)' in the project (kept as written)")
        }
        return (project, warnings)
    }

    /// `drawings_per_second`: one of the rates animators draw at.
    static func drawingRate(_ reader: inout TableReader, in table: TOMLTable) throws(ProjectError) -> Int? {
        guard let value = try reader.integer("drawings_per_second", in: 1...120, what: "drawings per second") else { return nil }
        guard Project.drawingRates.contains(Int(value)) else {
            throw reader.error(table["drawings_per_second"]!, "'drawings_per_second' is \(value); expected one of \(Project.drawingRates.map(String.init).joined(separator: ", ")) (on fours, threes, twos or ones at 24 fps)")
        }
        return Int(value)
    }

    /// `motion_model = "PATH"`: a non-empty path to an AnimateDiff motion module.
    static func motionModel(_ reader: inout TableReader, in table: TOMLTable) throws(ProjectError) -> String? {
        let path = try reader.string("motion_model", maxLength: 4096)
        if let node = table["motion_model"], path?.isEmpty == true {
            throw reader.error(node, "'motion_model' is empty; expected a path to an AnimateDiff motion module (a MotionAdapter folder or a .safetensors file)")
        }
        return path
    }

    static func checkModel(_ model: String, node: TOMLNode, reader: TableReader) throws(ProjectError) {
        if model == "sketch" { return }
        if model.hasPrefix("sd:"), model.count > 3 { return }
        throw reader.error(node, "unknown model '\(model)'; expected \"sketch\" or \"sd:PATH\" (a diffusers folder or a .safetensors checkpoint)")
    }

    static func decodeDefaults(_ table: TOMLTable, file: String, warnings: inout [String]) throws(ProjectError) -> RenderDefaults {
        var reader = TableReader(table, file: file, context: "[defaults]")
        var d = RenderDefaults()
        if let v = try reader.choice("sampler", { Sampler(rawValue: $0) }, names: Sampler.allCases.map(\.rawValue)) { d.sampler = v }
        if let v = try reader.choice("schedule", { Schedule(rawValue: $0) }, names: Schedule.allCases.map(\.rawValue)) { d.schedule = v }
        if let v = try reader.integer("steps", in: 1...150, what: "a step count") { d.steps = Int(v) }
        if let v = try reader.number("guidance", in: 0...30, what: "a guidance scale") { d.guidance = v }
        if let v = try reader.string("negative") { d.negative = v }
        d.extra = reader.extra
        d.comments = reader.comments
        for entry in d.extra {
            warnings.append("\(file):\(entry.keyPosition.line):\(entry.keyPosition.column): unknown key '\(entry.key)' in [defaults] (kept as written)")
        }
        return d
    }

    static func decodeShot(_ table: TOMLTable, file: String, warnings: inout [String]) throws(ProjectError) -> Shot {
        var reader = TableReader(table, file: file, context: "a [[shot]]")
        guard let id = try reader.string("id", maxLength: 256) else { throw reader.missing("id") }
        if let node = table["id"], let problem = ShotID.problem(with: id) {
            throw reader.error(node, "shot id '\(ShotID.printable(id))' \(problem)")
        }
        reader = TableReader(table, file: file, context: "shot '\(id)'")
        _ = reader.node("id")
        guard let prompt = try reader.string("prompt") else { throw reader.missing("prompt") }
        let seed = try reader.integer("seed", in: seedRange, what: "a seed") ?? 0
        var shot = Shot(id: id, prompt: prompt, seed: UInt32(seed))
        shot.title = try reader.string("title", maxLength: 1000)
        shot.negative = try reader.string("negative")
        shot.duration = try reader.number("duration", in: 0...3600, what: "a duration in seconds", exclusiveLower: true) ?? 3
        shot.camera = try reader.choice("camera", { CameraMove(spelling: $0) }, names: CameraMove.allCases.map(\.rawValue)) ?? .static
        shot.action = try reader.string("action") ?? ""
        shot.dialogue = try reader.string("dialogue") ?? ""
        shot.notes = try reader.string("notes") ?? ""
        shot.variants = (try reader.integerArray("variants", in: seedRange, what: "seeds") ?? []).map { UInt32($0) }
        shot.variationSeed = try reader.integer("variation_seed", in: seedRange, what: "a seed").map { UInt32($0) }
        shot.variationStrength = try reader.number("variation_strength", in: 0...1, what: "a strength")
        shot.compositionPrompt = try reader.string("composition_prompt")
        shot.strength = try reader.number("strength", in: 0...1, what: "a denoising strength", exclusiveLower: true)
        if shot.strength != nil, shot.compositionPrompt == nil, let node = table["strength"] {
            throw reader.error(node, "'strength' in shot '\(id)' needs 'composition_prompt': the prompt whose render to start from")
        }
        shot.transition = try reader.choice("transition", { Transition(rawValue: $0) }, names: Transition.allCases.map(\.rawValue)) ?? .cut
        shot.motion = try reader.choice("motion", { ShotMotion(rawValue: $0) }, names: ShotMotion.allCases.map(\.rawValue)) ?? .auto
        shot.drawingsPerSecond = try drawingRate(&reader, in: table)
        shot.model = try reader.string("model", maxLength: 4096)
        if let model = shot.model, let node = table["model"] { try checkModel(model, node: node, reader: reader) }
        shot.loras = try reader.loras("loras")
        shot.motionModel = try motionModel(&reader, in: table)
        shot.motionFrom = try reader.choice("motion_from", { MotionSource(rawValue: $0) }, names: MotionSource.allCases.map(\.rawValue))
        shot.motionStrength = try reader.number("motion_strength", in: 0...1, what: "a denoising strength", exclusiveLower: true)
        shot.sampler = try reader.choice("sampler", { Sampler(rawValue: $0) }, names: Sampler.allCases.map(\.rawValue))
        shot.schedule = try reader.choice("schedule", { Schedule(rawValue: $0) }, names: Schedule.allCases.map(\.rawValue))
        shot.steps = try reader.integer("steps", in: 1...150, what: "a step count").map { Int($0) }
        shot.guidance = try reader.number("guidance", in: 0...30, what: "a guidance scale")
        shot.width = try reader.integer("width", in: sizeRange, what: "a width in pixels").map { Int($0) }
        shot.height = try reader.integer("height", in: sizeRange, what: "a height in pixels").map { Int($0) }
        for key in ["width", "height"] {
            if let node = table[key], case .integer(let v) = node.value, v % 8 != 0 {
                throw reader.error(node, "'\(key)' in shot '\(id)' is \(v); expected a multiple of 8")
            }
        }
        shot.extra = reader.extra
        shot.comments = reader.comments
        for entry in shot.extra {
            warnings.append("\(file):\(entry.keyPosition.line):\(entry.keyPosition.column): unknown key '\(entry.key)' in shot '\(id)' (kept as written)")
        }
        return shot
    }
}
