import Diffusion
import Project
import TOML

/// One column of a shot list: how a shot's value is written in a cell, what TOML the cell means on the way back,
/// and how an imported value replaces an existing shot's.
struct ShotColumn: Sendable {
    /// Free text (an empty cell is empty text), one of a set of names, or a value (an empty cell leaves it unset).
    enum Kind: Sendable { case text, choice, integer, number, list }

    let name: String
    let kind: Kind
    /// The cell for a shot; nil when the shot leaves the key unset.
    let cell: @Sendable (Shot) -> String?
    /// Copies this column's value from an imported shot onto an existing one.
    let copy: @Sendable (inout Shot, Shot) -> Void

    /// Every column a shot can have, in the order a sheet shows them: the ones an editor reads first, then the rest.
    static let all: [ShotColumn] = [
        ShotColumn(name: "id", kind: .text, cell: { $0.id }, copy: { $0.id = $1.id }),
        ShotColumn(name: "duration", kind: .number, cell: { number($0.duration) }, copy: { $0.duration = $1.duration }),
        ShotColumn(name: "camera", kind: .choice, cell: { $0.camera.rawValue }, copy: { $0.camera = $1.camera }),
        ShotColumn(name: "prompt", kind: .text, cell: { $0.prompt }, copy: { $0.prompt = $1.prompt }),
        ShotColumn(name: "seed", kind: .integer, cell: { String($0.seed) }, copy: { $0.seed = $1.seed }),
        ShotColumn(name: "action", kind: .text, cell: { $0.action }, copy: { $0.action = $1.action }),
        ShotColumn(name: "dialogue", kind: .text, cell: { $0.dialogue }, copy: { $0.dialogue = $1.dialogue }),
        ShotColumn(name: "notes", kind: .text, cell: { $0.notes }, copy: { $0.notes = $1.notes }),
        ShotColumn(name: "title", kind: .text, cell: { $0.title }, copy: { $0.title = $1.title }),
        ShotColumn(name: "negative", kind: .text, cell: { $0.negative }, copy: { $0.negative = $1.negative }),
        ShotColumn(name: "transition", kind: .choice, cell: { $0.transition == .cut ? nil : $0.transition.rawValue },
                   copy: { $0.transition = $1.transition }),
        ShotColumn(name: "motion", kind: .choice, cell: { $0.motion == .auto ? nil : $0.motion.rawValue }, copy: { $0.motion = $1.motion }),
        ShotColumn(name: "drawings_per_second", kind: .integer, cell: { $0.drawingsPerSecond.map { String($0) } },
                   copy: { $0.drawingsPerSecond = $1.drawingsPerSecond }),
        ShotColumn(name: "variants", kind: .list, cell: { $0.variants.isEmpty ? nil : "[" + $0.variants.map(String.init).joined(separator: ", ") + "]" },
                   copy: { $0.variants = $1.variants }),
        ShotColumn(name: "variation_seed", kind: .integer, cell: { $0.variationSeed.map { String($0) } }, copy: { $0.variationSeed = $1.variationSeed }),
        ShotColumn(name: "variation_strength", kind: .number, cell: { $0.variationStrength.map(number) },
                   copy: { $0.variationStrength = $1.variationStrength }),
        ShotColumn(name: "composition_prompt", kind: .text, cell: { $0.compositionPrompt }, copy: { $0.compositionPrompt = $1.compositionPrompt }),
        ShotColumn(name: "strength", kind: .number, cell: { $0.strength.map(number) }, copy: { $0.strength = $1.strength }),
        ShotColumn(name: "model", kind: .choice, cell: { $0.model }, copy: { $0.model = $1.model }),
        ShotColumn(name: "sampler", kind: .choice, cell: { $0.sampler?.rawValue }, copy: { $0.sampler = $1.sampler }),
        ShotColumn(name: "schedule", kind: .choice, cell: { $0.schedule?.rawValue }, copy: { $0.schedule = $1.schedule }),
        ShotColumn(name: "steps", kind: .integer, cell: { $0.steps.map { String($0) } }, copy: { $0.steps = $1.steps }),
        ShotColumn(name: "guidance", kind: .number, cell: { $0.guidance.map(number) }, copy: { $0.guidance = $1.guidance }),
        ShotColumn(name: "width", kind: .integer, cell: { $0.width.map { String($0) } }, copy: { $0.width = $1.width }),
        ShotColumn(name: "height", kind: .integer, cell: { $0.height.map { String($0) } }, copy: { $0.height = $1.height }),
    ]

    /// Columns every sheet has, set or not (the rest appear only when some shot sets them).
    static let always: Set<String> = ["id", "duration", "camera", "prompt", "seed", "action", "dialogue", "notes"]

    static func named(_ name: String) -> ShotColumn? { all.first { $0.name == name } }

    /// Whole numbers without a decimal point, others as Swift prints them (2.5, 0.04).
    static func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v) }

    /// The TOML value a cell means for this column: numbers and lists as written (so a bad one is reported by the
    /// project reader, naming what was expected), text quoted.
    func tomlValue(_ cell: String) -> String {
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .integer where Int64(trimmed) != nil: return trimmed
        case .number where Double(trimmed) != nil && !trimmed.lowercased().contains("n") && !trimmed.contains("i"):
            return trimmed.hasPrefix(".") ? "0" + trimmed : trimmed
        case .list where trimmed.hasPrefix("[") && trimmed.hasSuffix("]"): return trimmed
        default: return TOMLWriter.string(cell)
        }
    }
}
