/// Keys to actions: the keymap's command for the key in the current mode, made into what the reducer takes.
/// Keys bound to nothing are typed while editing and close the help; elsewhere they do nothing.
extension Keymap {
    /// The actions `key` asks for in `state`; `now` is the clock (play, loop), `random` makes seeds, and `screen`
    /// the screen size (how far help scrolls).
    public func actions(for key: Key, in state: StudioState, now: Double, random: () -> UInt32,
                        screen: (columns: Int, rows: Int) = (80, 24)) -> [StudioAction] {
        let mode = Mode(state.mode)
        guard let command = command(for: key, in: mode) else {
            switch state.mode {
            case .editing, .command:
                // Pasted text is typed text, whatever letters it holds; a line break in it is a space.
                if case .paste(let text) = key { return [.editInsert(text.map { $0.isNewline || $0 == "\t" ? " " : String($0) }.joined())] }
                switch key.unmodified {
                case .space: return [.editInsert(" ")]
                case .char(let c): return [.editInsert(String(c))]
                default: return []
                }
            case .help:
                return key == .resize ? [] : [.cancel]
            default:
                return []
            }
        }
        if let n = command.pickIndex { return [.pickVariant(n)] }
        let columns: Int
        if case .variants(let grid) = state.mode { columns = grid.columns } else { columns = 1 }
        switch command {
        case .quit: return [.quit]
        case .suspend: return [.suspend]
        case .nextShot: return [.moveSelection(1)]
        case .previousShot: return [.moveSelection(-1)]
        case .edit: return [.beginEdit(nil)]
        case .nextField: return [.focusNextField]
        case .newSeed: return [.newSeed(random())]
        case .typeSeed: return [.openCommand, .editInsert("seed ")]
        case .addShot: return [.addShot(seed: random() % 100_000)]
        case .duplicateShot: return [.duplicateShot]
        case .deleteShot: return [.deleteShot]
        case .moveShotLater: return [.moveShot(1)]
        case .moveShotEarlier: return [.moveShot(-1)]
        case .undo: return [.undo]
        case .redo: return [.redo]
        case .variants: return [.openVariants(count: 4, seeds: (0..<8).map { _ in random() % 100_000 })]
        case .variantsNine: return [.openVariants(count: 9, seeds: (0..<12).map { _ in random() % 100_000 })]
        case .compare: return [.compare]
        case .play: return [.togglePlay(now: now)]
        case .loop: return [.toggleLoop(now: now)]
        case .stepBack: return [.stepDrawing(-1)]
        case .stepForward: return [.stepDrawing(1)]
        case .cancel: return [.cancel]
        case .help: return [.openHelp]
        case .commandLine: return [.openCommand]
        case .save: return [.save]
        case .commit: return [.commit]
        case .deleteBackward: return [.editBackspace]
        case .deleteForward: return [.editDelete]
        case .cursorLeft: return [.editLeft]
        case .cursorRight: return [.editRight]
        case .lineStart: return [.editHome]
        case .lineEnd: return [.editEnd]
        case .deleteWord: return [.editDeleteWord]
        case .focusLeft: return [.moveSelection(-1)]
        case .focusRight: return [.moveSelection(1)]
        case .focusUp: return [.moveSelection(-columns)]
        case .focusDown: return [.moveSelection(columns)]
        case .scrollDown, .scrollUp:
            let limit = StudioView.helpScrollLimit(self, columns: screen.columns, rows: screen.rows)
            return [.scrollHelp(command == .scrollDown ? 1 : -1, limit: limit)]
        default: return []
        }
    }
}
