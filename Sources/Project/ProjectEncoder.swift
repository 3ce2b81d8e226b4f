import TOML

/// Writes a `Project` as `storyboard.toml`: a stable, diff-friendly layout that keeps the user's comments and
/// every key this version does not know.
public enum ProjectEncoder {
    public static func encode(_ project: Project) -> String {
        var out = TextBuilder()
        let c = project.comments
        out.comments(c[""]?.leading ?? [])
        out.line("title", TOMLWriter.string(project.title), c["title"])
        if !project.client.isEmpty { out.line("client", TOMLWriter.string(project.client), c["client"]) }
        out.line("width", TOMLWriter.integer(Int64(project.width)), c["width"])
        out.line("height", TOMLWriter.integer(Int64(project.height)), c["height"])
        out.line("fps", number(project.fps), c["fps"])
        out.line("model", TOMLWriter.string(project.model), c["model"])
        if project.drawingsPerSecond != Project.defaultDrawingsPerSecond {
            out.line("drawings_per_second", TOMLWriter.integer(Int64(project.drawingsPerSecond)), c["drawings_per_second"])
        }
        if let v = project.vae { out.line("vae", TOMLWriter.string(v), c["vae"]) }
        if let v = project.prediction { out.line("prediction", TOMLWriter.string(v.rawValue), c["prediction"]) }
        if !project.loras.isEmpty || c["loras"] != nil { out.line("loras", loras(project.loras), c["loras"]) }
        if let v = project.motionModel { out.line("motion_model", TOMLWriter.string(v), c["motion_model"]) }
        if project.cacheLimitMB != 1024 { out.line("cache_limit_mb", TOMLWriter.integer(Int64(project.cacheLimitMB)), c["cache_limit_mb"]) }
        let (scalars, tables) = split(project.extra)
        out.extra(scalars)

        let d = project.defaults
        out.blank()
        out.comments(d.comments[""]?.leading ?? c["defaults"]?.leading ?? [])
        out.raw("[defaults]")
        out.line("sampler", TOMLWriter.string(d.sampler.rawValue), d.comments["sampler"])
        out.line("schedule", TOMLWriter.string(d.schedule.rawValue), d.comments["schedule"])
        out.line("steps", TOMLWriter.integer(Int64(d.steps)), d.comments["steps"])
        out.line("guidance", TOMLWriter.float(d.guidance), d.comments["guidance"])
        out.line("negative", TOMLWriter.string(d.negative), d.comments["negative"])
        out.extra(d.extra.map { inlined($0) })

        if !tables.isEmpty {
            var holder = TOMLTable()
            holder.entries = tables
            out.blank()
            out.raw(TOMLWriter.document(holder).trimmingTrailingNewlines())
        }

        for shot in project.shots {
            out.blank()
            out.comments(shot.comments[""]?.leading ?? [])
            out.raw("[[shot]]")
            let sc = shot.comments
            out.line("id", TOMLWriter.string(shot.id), sc["id"])
            if let title = shot.title { out.line("title", TOMLWriter.string(title), sc["title"]) }
            out.line("prompt", TOMLWriter.string(shot.prompt), sc["prompt"])
            if let negative = shot.negative { out.line("negative", TOMLWriter.string(negative), sc["negative"]) }
            out.line("seed", TOMLWriter.integer(Int64(shot.seed)), sc["seed"])
            out.line("duration", TOMLWriter.float(shot.duration), sc["duration"])
            out.line("camera", TOMLWriter.string(shot.camera.rawValue), sc["camera"])
            if shot.transition != .cut { out.line("transition", TOMLWriter.string(shot.transition.rawValue), sc["transition"]) }
            if shot.motion != .auto { out.line("motion", TOMLWriter.string(shot.motion.rawValue), sc["motion"]) }
            if let v = shot.drawingsPerSecond { out.line("drawings_per_second", TOMLWriter.integer(Int64(v)), sc["drawings_per_second"]) }
            if !shot.action.isEmpty { out.line("action", TOMLWriter.string(shot.action), sc["action"]) }
            if !shot.dialogue.isEmpty { out.line("dialogue", TOMLWriter.string(shot.dialogue), sc["dialogue"]) }
            if !shot.notes.isEmpty { out.line("notes", TOMLWriter.string(shot.notes), sc["notes"]) }
            if !shot.variants.isEmpty {
                out.line("variants", "[" + shot.variants.map { String($0) }.joined(separator: ", ") + "]", sc["variants"])
            }
            if let v = shot.variationSeed { out.line("variation_seed", TOMLWriter.integer(Int64(v)), sc["variation_seed"]) }
            if let v = shot.variationStrength { out.line("variation_strength", TOMLWriter.float(v), sc["variation_strength"]) }
            if let v = shot.compositionPrompt { out.line("composition_prompt", TOMLWriter.string(v), sc["composition_prompt"]) }
            if let v = shot.strength { out.line("strength", TOMLWriter.float(v), sc["strength"]) }
            if let v = shot.model { out.line("model", TOMLWriter.string(v), sc["model"]) }
            if let v = shot.loras { out.line("loras", loras(v), sc["loras"]) }
            if let v = shot.motionModel { out.line("motion_model", TOMLWriter.string(v), sc["motion_model"]) }
            if let v = shot.motionFrom { out.line("motion_from", TOMLWriter.string(v.rawValue), sc["motion_from"]) }
            if let v = shot.motionStrength { out.line("motion_strength", TOMLWriter.float(v), sc["motion_strength"]) }
            if let v = shot.sampler { out.line("sampler", TOMLWriter.string(v.rawValue), sc["sampler"]) }
            if let v = shot.schedule { out.line("schedule", TOMLWriter.string(v.rawValue), sc["schedule"]) }
            if let v = shot.steps { out.line("steps", TOMLWriter.integer(Int64(v)), sc["steps"]) }
            if let v = shot.guidance { out.line("guidance", TOMLWriter.float(v), sc["guidance"]) }
            if let v = shot.width { out.line("width", TOMLWriter.integer(Int64(v)), sc["width"]) }
            if let v = shot.height { out.line("height", TOMLWriter.integer(Int64(v)), sc["height"]) }
            out.extra(shot.extra.map { inlined($0) })
        }
        if let end = c["#end"] {
            out.blank()
            out.comments(end.leading)
        }
        return out.text
    }

    /// `[{ path = "…", strength = 0.8 }, …]`, on one line.
    static func loras(_ list: [LoRAReference]) -> String {
        "[" + list.map { "{ path = \(TOMLWriter.string($0.path)), strength = \(TOMLWriter.float($0.strength)) }" }.joined(separator: ", ") + "]"
    }

    /// Whole numbers without a decimal point (24, 3), others as TOML floats (23.976, 2.5).
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return TOMLWriter.integer(Int64(v)) }
        return TOMLWriter.float(v)
    }

    /// Header-defined tables and arrays of tables cannot sit between keys; scalars, arrays and inline tables can.
    static func split(_ entries: [TOMLEntry]) -> (inline: [TOMLEntry], tables: [TOMLEntry]) {
        var inline: [TOMLEntry] = [], tables: [TOMLEntry] = []
        for e in entries {
            if e.node.raw.isEmpty, isTableLike(e.node.value) { tables.append(e) } else { inline.append(e) }
        }
        return (inline, tables)
    }

    static func isTableLike(_ value: TOMLValue) -> Bool {
        switch value {
        case .table: return true
        case .array(let items): return !items.isEmpty && items.allSatisfy { if case .table = $0.value { return true } else { return false } }
        default: return false
        }
    }

    /// Inside a table that is followed by more keys, a sub-table must be written inline.
    static func inlined(_ entry: TOMLEntry) -> TOMLEntry {
        var e = entry
        if e.node.raw.isEmpty { e.node.raw = TOMLWriter.inline(e.node.value) }
        return e
    }
}

/// Accumulates lines of TOML text.
struct TextBuilder {
    private(set) var text = ""

    mutating func raw(_ s: String) { text += s + "\n" }

    mutating func blank() { if !text.isEmpty && !text.hasSuffix("\n\n") { text += "\n" } }

    mutating func comments(_ lines: [String]) { for l in lines { raw(l) } }

    mutating func line(_ key: String, _ value: String, _ comments: Comments?) {
        self.comments(comments?.leading ?? [])
        var l = "\(TOMLWriter.key(key)) = \(value)"
        if let trailing = comments?.trailing { l += " " + trailing }
        raw(l)
    }

    mutating func extra(_ entries: [TOMLEntry]) {
        for e in entries {
            line(e.key, e.node.raw.isEmpty ? TOMLWriter.inline(e.node.value) : e.node.raw,
                 Comments(leading: e.leadingComments, trailing: e.trailingComment))
        }
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while s.last == "\n" { s.removeLast() }
        return String(s)
    }
}
