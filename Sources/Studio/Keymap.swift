import TOML

/// Which key does what, one table per mode, as helix keeps them: data, not code. The compiled-in tables are
/// `Keymap.standard` (written out as `Keymaps/default.toml`); a keymap file sets only what it changes, everything
/// else falls back to them, and unknown modes, keys and commands are reported with file and line. Help is generated
/// from the same tables the studio uses.
public struct Keymap: Sendable, Equatable {
    /// The tables a key is looked up in: `global` first, then the mode's own.
    public enum Mode: String, CaseIterable, Sendable {
        /// Every mode, before its own table.
        case global
        case browse
        /// A shot's field or the `:` command line; keys bound to nothing here are typed.
        case editing
        case variants
        case playing
        /// The help overlay; keys bound to nothing here close it.
        case help
        /// The question whether to restore an unsaved edit.
        case recovery

        public init(_ mode: StudioMode) {
            switch mode {
            case .browse: self = .browse
            case .editing, .command: self = .editing
            case .variants: self = .variants
            case .playing: self = .playing
            case .help: self = .help
            case .recovery: self = .recovery
            }
        }

        /// The heading help gives the mode's keys.
        var title: String {
            switch self {
            case .global: return "Everywhere"
            case .browse: return "Browsing"
            case .editing: return "Editing"
            case .variants: return "Variants"
            case .playing: return "Playing"
            case .help: return "Help"
            case .recovery: return "Recovery"
            }
        }
    }

    /// What a key asks for; the raw value is the name keymap files use.
    public enum Command: String, CaseIterable, Sendable {
        case quit, suspend
        case nextShot = "next_shot", previousShot = "previous_shot", edit, nextField = "next_field"
        case newSeed = "new_seed", typeSeed = "type_seed", addShot = "add_shot", duplicateShot = "duplicate_shot"
        case deleteShot = "delete_shot", moveShotLater = "move_shot_later", moveShotEarlier = "move_shot_earlier"
        case undo, redo, variants, variantsNine = "variants_nine", compare, play, loop
        case stepBack = "step_back", stepForward = "step_forward", cancel, help, commandLine = "command_line", save
        case commit, deleteBackward = "delete_backward", deleteForward = "delete_forward", cursorLeft = "cursor_left"
        case cursorRight = "cursor_right", lineStart = "line_start", lineEnd = "line_end", deleteWord = "delete_word"
        case focusLeft = "focus_left", focusRight = "focus_right", focusUp = "focus_up", focusDown = "focus_down"
        case pick1 = "pick_1", pick2 = "pick_2", pick3 = "pick_3", pick4 = "pick_4", pick5 = "pick_5"
        case pick6 = "pick_6", pick7 = "pick_7", pick8 = "pick_8", pick9 = "pick_9"
        case scrollDown = "scroll_down", scrollUp = "scroll_up"
        /// Unbinds a key (a file's way to take a compiled-in binding away).
        case noOp = "no_op"

        /// The variant a pick command picks (0-based).
        public var pickIndex: Int? {
            guard rawValue.hasPrefix("pick_"), let n = Int(rawValue.dropFirst(5)) else { return nil }
            return n - 1
        }

        /// The commands a mode's table may bind.
        public static func allowed(in mode: Mode) -> [Command] {
            let picks: [Command] = [.pick1, .pick2, .pick3, .pick4, .pick5, .pick6, .pick7, .pick8, .pick9]
            switch mode {
            case .global: return [.quit, .suspend, .noOp]
            case .browse:
                return [.nextShot, .previousShot, .edit, .nextField, .newSeed, .typeSeed, .addShot, .duplicateShot,
                        .deleteShot, .moveShotLater, .moveShotEarlier, .undo, .redo, .variants, .variantsNine, .compare,
                        .play, .loop, .stepBack, .stepForward, .cancel, .help, .commandLine, .save, .quit, .suspend, .noOp]
            case .editing:
                return [.commit, .cancel, .deleteBackward, .deleteForward, .cursorLeft, .cursorRight, .lineStart,
                        .lineEnd, .deleteWord, .quit, .suspend, .noOp]
            case .variants:
                return picks + [.focusLeft, .focusRight, .focusUp, .focusDown, .commit, .compare, .cancel, .quit,
                                .suspend, .noOp]
            case .playing: return [.play, .cancel, .quit, .suspend, .noOp]
            case .help: return [.scrollDown, .scrollUp, .cancel, .quit, .suspend, .noOp]
            case .recovery: return [.commit, .cancel, .quit, .suspend, .noOp]
            }
        }

        /// What help says the command does in `mode`.
        public func help(in mode: Mode) -> String {
            switch (self, mode) {
            case (.nextShot, _): return "next shot"
            case (.previousShot, _): return "previous shot"
            case (.edit, _): return "edit the focused field (prompt first)"
            case (.nextField, _): return "focus the next field"
            case (.newSeed, _): return "new random seed"
            case (.typeSeed, _): return "type a seed (:seed N)"
            case (.addShot, _): return "add a shot after this one"
            case (.duplicateShot, _): return "duplicate the shot"
            case (.deleteShot, _): return "delete the shot"
            case (.moveShotLater, _): return "move the shot later"
            case (.moveShotEarlier, _): return "move the shot earlier"
            case (.undo, _): return "undo"
            case (.redo, _): return "redo"
            case (.variants, _): return "variants grid, 4 seeds (pick with 1-4)"
            case (.variantsNine, _): return "variants grid, 9 seeds"
            case (.compare, .variants): return "A/B"
            case (.compare, _): return "A/B: mark as A, other shots show beside it"
            case (.cancel, .browse): return "cancel the running export, else end A/B"
            case (.cancel, .variants): return "back"
            case (.cancel, .playing): return "stop"
            case (.cancel, .recovery): return "discard"
            case (.cancel, .help): return "close"
            case (.cancel, _): return "cancel"
            case (.play, .playing): return "pause"
            case (.play, _): return "play / pause the animatic"
            case (.loop, _): return "loop the shot's clip in the preview"
            case (.stepBack, _): return "previous drawing of the clip"
            case (.stepForward, _): return "next drawing of the clip"
            case (.help, _): return "this help"
            case (.commandLine, _): return "command line (:w :q :seed N :export pdf FILE)"
            case (.save, _): return "save now"
            case (.quit, .browse): return "save and quit"
            case (.quit, _): return "quit"
            case (.suspend, _): return "suspend"
            case (.commit, .variants): return "pick"
            case (.commit, .recovery): return "restore"
            case (.commit, _): return "commit"
            case (.deleteBackward, _), (.deleteForward, _), (.deleteWord, _): return "delete"
            case (.cursorLeft, _), (.cursorRight, _), (.lineStart, _), (.lineEnd, _): return "move"
            case (.focusLeft, _), (.focusRight, _), (.focusUp, _), (.focusDown, _): return "move"
            case (.scrollDown, _), (.scrollUp, _): return "scroll"
            case (.noOp, _): return "nothing"
            default: return "pick \(pickIndex.map { $0 + 1 } ?? 0)"
            }
        }
    }

    public struct Binding: Sendable, Equatable {
        public var key: Key
        public var command: Command

        public init(_ key: Key, _ command: Command) {
            self.key = key
            self.command = command
        }
    }

    /// Each mode's bindings, in the order they were given (help lists a command's keys in that order).
    public private(set) var tables: [Mode: [Binding]]

    public init(tables: [Mode: [Binding]]) {
        self.tables = tables
    }

    /// The compiled-in keymap.
    public static let standard = Keymap(tables: [
        .global: [Binding(.ctrl("c"), .quit), Binding(.ctrl("z"), .suspend)],
        .browse: [
            Binding(.char("j"), .nextShot), Binding(.down, .nextShot), Binding(.char("k"), .previousShot),
            Binding(.up, .previousShot), Binding(.enter, .edit), Binding(.tab, .nextField), Binding(.char("s"), .newSeed),
            Binding(.char("S"), .typeSeed), Binding(.char("a"), .addShot), Binding(.char("d"), .duplicateShot),
            Binding(.char("x"), .deleteShot), Binding(.char("J"), .moveShotLater), Binding(.char("K"), .moveShotEarlier),
            Binding(.char("u"), .undo), Binding(.ctrl("r"), .redo), Binding(.char("v"), .variants),
            Binding(.char("V"), .variantsNine), Binding(.char("b"), .compare), Binding(.space, .play),
            Binding(.char("l"), .loop), Binding(.char(","), .stepBack), Binding(.char("."), .stepForward),
            Binding(.escape, .cancel), Binding(.char("?"), .help), Binding(.char(":"), .commandLine),
            Binding(.char("w"), .save), Binding(.char("q"), .quit),
        ],
        .editing: [
            Binding(.enter, .commit), Binding(.escape, .cancel), Binding(.backspace, .deleteBackward),
            Binding(.delete, .deleteForward), Binding(.left, .cursorLeft), Binding(.right, .cursorRight),
            Binding(.home, .lineStart), Binding(.ctrl("a"), .lineStart), Binding(.end, .lineEnd),
            Binding(.ctrl("e"), .lineEnd), Binding(.ctrl("w"), .deleteWord),
        ],
        .variants: (1...9).map { Binding(.char(Character(String($0))), Command(rawValue: "pick_\($0)")!) } + [
            Binding(.left, .focusLeft), Binding(.char("h"), .focusLeft), Binding(.right, .focusRight),
            Binding(.char("l"), .focusRight), Binding(.up, .focusUp), Binding(.char("k"), .focusUp),
            Binding(.down, .focusDown), Binding(.char("j"), .focusDown), Binding(.enter, .commit),
            Binding(.char("b"), .compare), Binding(.escape, .cancel), Binding(.char("v"), .cancel),
            Binding(.char("q"), .quit),
        ],
        .playing: [Binding(.space, .play), Binding(.escape, .cancel), Binding(.char("q"), .quit)],
        .help: [Binding(.char("j"), .scrollDown), Binding(.down, .scrollDown), Binding(.char("k"), .scrollUp),
                Binding(.up, .scrollUp), Binding(.char("q"), .quit)],
        .recovery: [Binding(.enter, .commit), Binding(.escape, .cancel)],
    ])

    /// The command `key` has in `mode`: the global table first, then the mode's; a key with modifiers that is not
    /// bound itself acts as the plain key in a text field (Shift-End is End). nil: unbound (typed while editing).
    public func command(for key: Key, in mode: Mode) -> Command? {
        func lookup(_ key: Key) -> Command? {
            for table in [Mode.global, mode] {
                if let b = tables[table]?.first(where: { $0.key == key }) { return b.command == .noOp ? nil : b.command }
            }
            return nil
        }
        if let command = lookup(key) { return command }
        if mode == .editing, case .modified(let plain, _) = key { return lookup(plain) }
        return nil
    }

    /// The browse command of a key (for callers that only know browsing).
    public func command(for key: Key) -> Command? { command(for: key, in: .browse) }

    /// Keys bound to `command` in `mode`, in table order.
    public func keys(for command: Command, in mode: Mode) -> [Key] {
        (tables[mode] ?? []).filter { $0.command == command }.map(\.key)
    }

    /// Help lines for browsing: the keys of each command, then what it does, in the order of the table.
    public var helpLines: [String] {
        commands(in: .browse).map { command in
            let keys = self.keys(for: command, in: .browse).map(\.label).joined(separator: " / ")
            return keys.padding(toLength: 12, withPad: " ", startingAt: 0) + command.help(in: .browse)
        }
    }

    /// One line per other mode, generated from its table: "Variants: 1-9 pick · ←/h/→/l/↑/k/↓/j move · q quit".
    /// Commands that help describes alike in a mode (the cursor moves) share one entry.
    public var summaryLines: [String] {
        [Mode.editing, .variants, .playing, .recovery, .help, .global].compactMap { mode in
            var parts: [(keys: [String], help: String)] = []
            let commands = commands(in: mode)
            let picks = commands.filter { $0.pickIndex != nil }
            // Picks bound to their own digits read as one range.
            let digits = !picks.isEmpty && picks.allSatisfy { keys(for: $0, in: mode) == [.char(Character(String($0.pickIndex! + 1)))] }
            if digits { parts.append((["\(picks.first!.pickIndex! + 1)-\(picks.last!.pickIndex! + 1)"], "pick")) }
            for command in commands where !(digits && command.pickIndex != nil) {
                let keys = self.keys(for: command, in: mode).map(\.label), help = command.help(in: mode)
                if let i = parts.firstIndex(where: { $0.help == help }) { parts[i].keys += keys } else { parts.append((keys, help)) }
            }
            guard !parts.isEmpty else { return nil }
            var words = parts.map { $0.keys.joined(separator: "/") + " " + $0.help }
            if mode == .help { words.append("other keys close") }
            if mode == .editing { words.append("other keys type") }
            return "\(mode.title): " + words.joined(separator: " · ")
        }
    }

    /// Commands bound in `mode`, in the order of their first binding.
    func commands(in mode: Mode) -> [Command] {
        var seen: [Command] = []
        for b in tables[mode] ?? [] where !seen.contains(b.command) && b.command != .noOp { seen.append(b.command) }
        return seen
    }

    /// Reads a keymap file over the standard keymap: `[browse]` then `j = "next_shot"`, `"ctrl-r" = "redo"`; a key
    /// the file binds replaces that key's compiled-in binding in that mode, everything else stays. Returns the
    /// keymap and a warning (file:line:column) per unknown mode, key or command, or a command the mode has not.
    /// `base` is what the file falls back to: the standard keymap, or none at all to read a file alone.
    public static func load(_ text: String, name: String, over base: Keymap = .standard) throws -> (Keymap, [String]) {
        let root = try TOMLParser.parse(text)
        var warnings: [String] = []
        var keymap = base
        for e in root.entries {
            guard let mode = Mode(rawValue: e.key) else {
                warnings.append("\(name):\(e.keyPosition): unknown mode '\(e.key)' (known: \(Mode.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            guard case .table(let table) = e.node.value else {
                warnings.append("\(name):\(e.keyPosition): '\(e.key)' should be a table of key = \"command\"")
                continue
            }
            var bindings = keymap.tables[mode] ?? []
            for b in table.entries {
                guard let key = Key(spec: b.key) else {
                    warnings.append("\(name):\(b.keyPosition): unknown key '\(b.key)' (a character, or enter, esc, tab, space, backspace, delete, up, down, left, right, home, end, pgup, pgdn, insert, f1…f12, ctrl-X)")
                    continue
                }
                guard case .string(let word) = b.node.value else {
                    warnings.append("\(name):\(b.keyPosition): the command for '\(b.key)' should be a string such as \"next_shot\"")
                    continue
                }
                guard let command = Command(rawValue: word) else {
                    warnings.append("\(name):\(b.node.position): unknown command '\(word)' for '\(b.key)' in [\(mode.rawValue)]")
                    continue
                }
                guard Command.allowed(in: mode).contains(command) else {
                    warnings.append("\(name):\(b.node.position): '\(word)' is not a command in [\(mode.rawValue)] (there: \(Command.allowed(in: mode).map(\.rawValue).joined(separator: ", ")))")
                    continue
                }
                if let i = bindings.firstIndex(where: { $0.key == key }) {
                    bindings[i].command = command
                } else {
                    bindings.append(Binding(key, command))
                }
            }
            keymap.tables[mode] = bindings
        }
        return (keymap, warnings)
    }
}

extension String {
    func padding(toLength n: Int, withPad pad: String, startingAt: Int) -> String {
        count >= n ? self : self + String(repeating: pad, count: n - count)
    }
}
