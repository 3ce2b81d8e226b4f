import Project

extension StudioState {
    /// Applies an action and returns the effects it asks for. Pure: no files, no terminal, no clock.
    /// Results of background work and the ways out come first, whatever the mode; then the mode's own reducer.
    public mutating func reduce(_ action: StudioAction) -> [StudioEffect] {
        // Results of background work land in every mode and leave the user's message alone; so does Ctrl-Z.
        if absorbResult(action) { return [] }
        if action == .suspend { return [.suspend] }
        if case .tick = action {} else { message = nil; notice = nil }
        // Quitting comes before the mode: a signal or Ctrl-C must end the studio whatever it is doing.
        switch action {
        case .quit: return quit(keepingEdit: false)
        case .terminate: return quit(keepingEdit: true)
        default: break
        }
        switch mode {
        case .editing(let field, let text): return reduceEditing(field, text, action)
        case .command(let text): return reduceCommandLine(text, action)
        case .help: return reduceHelp(action)
        case .variants(let grid): return reduceVariants(grid, action)
        case .playing(let start, let since): return reducePlaying(start: start, since: since, action)
        case .recovery(let edit): return reduceRecovery(edit, action)
        case .browse: return reduceBrowse(action)
        }
    }

    /// Takes in a result of background work (renders, exports), whatever the mode; false for any other action.
    mutating func absorbResult(_ action: StudioAction) -> Bool {
        switch action {
        case .renderProgress(let id, let step, let total): status[id] = .rendering(step: step, of: total)
        case .clipProgress(let id, let window, let windows, let step, let total):
            status[id] = .animating(window: window, windows: windows, step: step, of: total)
        case .clipFinished(let id):
            if status[id]?.isBusy == true { status[id] = .ready }
        case .renderFinished(let id, let cached):
            status[id] = .ready
            if cached { cacheHits += 1 }
        case .renderFailed(let id, let text):
            status[id] = .failed(text)
            message = "\(id): \(text)"
        case .renderActivity(let now): activity = now
        case .variantProgress(let seed, let step, let total): variantStatus[seed] = .rendering(step: step, of: total)
        case .variantFinished(let seed): variantStatus[seed] = .ready
        case .variantFailed(let seed, let text):
            variantStatus[seed] = .failed(text)
            message = "seed \(seed): \(text)"
        case .exportProgress(let stage, let done, let total): exporting = ExportProgress(stage: stage, done: done, total: total)
        case .exportFinished(let text):
            // The newest news wins: an older complaint would hide that the export is done.
            exporting = nil
            message = nil
            notice = text
        case .exportFailed(let text):
            exporting = nil
            message = text
        case .notify(let text): message = text
        default: return false
        }
        return true
    }

    /// Saves and quits from any mode. A signal or a lost terminal keeps an unfinished edit in the recovery file, so
    /// the next studio offers it; the user quitting drops it. A recovery still being offered stays for next time.
    mutating func quit(keepingEdit: Bool) -> [StudioEffect] {
        var effects: [StudioEffect] = []
        if case .editing = mode {
            effects.append(keepingEdit ? editInProgress.map(StudioEffect.keepRecovery) ?? .dropRecovery : .dropRecovery)
        }
        if exporting != nil { effects.append(.cancelExport) }
        mode = .browse
        shouldQuit = true
        return effects + (saved ? [] : [.save]) + [.quit]
    }

    /// Records an undoable change to the project, then saves.
    mutating func change(_ edit: (inout Project) -> Void) -> [StudioEffect] {
        undoStack.append(project)
        if undoStack.count > 500 { undoStack.removeFirst() }
        redoStack.removeAll()
        edit(&project)
        saved = false
        return [.save]
    }

    /// Puts back a project from the undo or redo stack; shots whose pixels differ render again.
    mutating func restore(_ other: Project) -> [StudioEffect] {
        let before = Dictionary(project.shots.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        project = other
        selected = max(0, min(selected, project.shots.count - 1))
        saved = false
        var effects: [StudioEffect] = [.save]
        for shot in project.shots {
            if let old = before[shot.id], old.prompt == shot.prompt, old.seed == shot.seed, old.negative == shot.negative { continue }
            effects.append(.render(id: shot.id))
        }
        return effects
    }

    func uniqueID(_ prefix: String) -> String {
        let taken = Set(project.shots.map { $0.id.lowercased() })
        var n = project.shots.count + 1
        while taken.contains("\(prefix)\(n)".lowercased()) { n += 1 }
        return "\(prefix)\(n)"
    }

    /// `:w`, `:q`, `:wq`, `:seed N`, `:export pdf FILE`, `:export mp4 FILE` …
    mutating func runCommand(_ line: String) -> [StudioEffect] {
        let words = line.split(separator: " ").map(String.init)
        guard let verb = words.first else { return [] }
        switch verb {
        case "w": return [.save]
        case "q", "wq", "x": return reduce(.quit)
        case "seed":
            guard words.count == 2, let seed = UInt32(words[1]) else { message = ":seed needs a number from 0 to 4294967295"; return [] }
            return reduce(.newSeed(seed))
        case "export":
            // The words are checked where `storyreel export` checks its options, in the Export module.
            guard words.count >= 3 else {
                message = ":export KIND FILE … (pdf, sheet, frames, mp4, gif, otio, edl; also layout 3x3, burn-in, audio FILE)"
                return []
            }
            guard exporting == nil else { message = "an export is running; Esc cancels it"; return [] }
            exporting = ExportProgress(stage: "starting")
            return [.export(Array(words.dropFirst()))]
        case "help":
            mode = .help
            helpScroll = 0
            return []
        default:
            message = "unknown command :\(verb) (try :w, :q, :seed N, :export pdf FILE, :help)"
            return []
        }
    }
}

extension TextField {
    /// Applies an editing action; false when the action is not an edit (commit, cancel, …).
    mutating func apply(_ action: StudioAction) -> Bool {
        switch action {
        case .editInsert(let s): insert(s)
        case .editBackspace: backspace()
        case .editDelete: deleteForward()
        case .editLeft: left()
        case .editRight: right()
        case .editHome: home()
        case .editEnd: end()
        case .editDeleteWord: deleteWordBackward()
        default: return false
        }
        return true
    }
}
