/// Which key does what while browsing. Data, not code: help is generated from the same table the studio uses.
public struct Keymap: Sendable {
    /// What a key asks for.
    public enum Command: String, CaseIterable, Sendable {
        case down, up, edit, nextField, newSeed, typeSeed, addShot, duplicateShot, deleteShot, moveShotDown, moveShotUp
        case undo, redo, variants, variantsNine, compare, play, loop, stepBack, stepForward, cancel, help, command, save, quit

        public var help: String {
            switch self {
            case .down: return "next shot"
            case .up: return "previous shot"
            case .edit: return "edit the focused field (prompt first)"
            case .nextField: return "focus the next field"
            case .newSeed: return "new random seed"
            case .typeSeed: return "type a seed (:seed N)"
            case .addShot: return "add a shot after this one"
            case .duplicateShot: return "duplicate the shot"
            case .deleteShot: return "delete the shot"
            case .moveShotDown: return "move the shot later"
            case .moveShotUp: return "move the shot earlier"
            case .undo: return "undo"
            case .redo: return "redo"
            case .variants: return "variants grid, 4 seeds (pick with 1-4)"
            case .variantsNine: return "variants grid, 9 seeds"
            case .compare: return "A/B: mark as A, others show beside it; in variants: focused vs current seed"
            case .cancel: return "cancel the running export, else end A/B"
            case .play: return "play / pause the animatic"
            case .loop: return "loop the shot's clip in the preview"
            case .stepBack: return "previous drawing of the clip"
            case .stepForward: return "next drawing of the clip"
            case .help: return "this help"
            case .command: return "command line (:w :q :seed N :export pdf FILE)"
            case .save: return "save now"
            case .quit: return "save and quit"
            }
        }
    }

    public let bindings: [(key: Key, command: Command)]

    /// The compiled-in keymap.
    public static let standard = Keymap(bindings: [
        (.char("j"), .down), (.down, .down), (.char("k"), .up), (.up, .up),
        (.enter, .edit), (.tab, .nextField), (.char("s"), .newSeed), (.char("S"), .typeSeed),
        (.char("a"), .addShot), (.char("d"), .duplicateShot), (.char("x"), .deleteShot),
        (.char("J"), .moveShotDown), (.char("K"), .moveShotUp), (.char("u"), .undo), (.ctrl("r"), .redo),
        (.char("v"), .variants), (.char("V"), .variantsNine), (.char("b"), .compare), (.space, .play),
        (.char("l"), .loop), (.char(","), .stepBack), (.char("."), .stepForward), (.escape, .cancel), (.char("?"), .help),
        (.char(":"), .command), (.char("w"), .save), (.char("q"), .quit),
    ])

    public func command(for key: Key) -> Command? { bindings.first { $0.key == key }?.command }

    /// Help lines: keys for each command, in keymap order.
    public var helpLines: [String] {
        var seen: [Command] = []
        for b in bindings where !seen.contains(b.command) { seen.append(b.command) }
        return seen.map { command in
            let keys = bindings.filter { $0.command == command }.map(\.key.label).joined(separator: " / ")
            return keys.padding(toLength: 12, withPad: " ", startingAt: 0) + command.help
        }
    }
}

extension String {
    func padding(toLength n: Int, withPad pad: String, startingAt: Int) -> String {
        count >= n ? self : self + String(repeating: pad, count: n - count)
    }
}
