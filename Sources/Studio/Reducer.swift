import Project

extension StudioState {
    /// Applies an action and returns the effects it asks for. Pure: no files, no terminal, no clock.
    public mutating func reduce(_ action: StudioAction) -> [StudioEffect] {
        // Results of background work land in every mode and leave the user's message alone.
        if absorbResult(action) { return [] }
        if case .tick = action {} else { message = nil; notice = nil }
        // Quitting comes before the mode: a signal or Ctrl-C must end the studio whatever it is doing.
        switch action {
        case .quit: return quit(keepingEdit: false)
        case .terminate: return quit(keepingEdit: true)
        default: break
        }
        switch (mode, action) {
        // Editing a field.
        case (.editing(let field, var text), _):
            let before = text.text
            if text.apply(action) {
                mode = .editing(field, text)
                guard text.text != before else { return [] }
                // Typed text is kept for recovery until it is committed; typed back to the original, nothing is at stake.
                return [editInProgress.map(StudioEffect.keepRecovery) ?? .dropRecovery]
            }
            switch action {
            case .cancel: mode = .browse; return [.dropRecovery]
            case .commit:
                mode = .browse
                guard var shot = selectedShot else { return [.dropRecovery] }
                if let problem = field.apply(text.text, to: &shot) {
                    message = problem
                    mode = .editing(field, text)
                    return []
                }
                let i = selected
                return change { $0.shots[i] = shot } + (field.changesPixels ? [.render(id: shot.id)] : []) + [.dropRecovery]
            default: return []
            }
        // The command line.
        case (.command(var text), _):
            // Backspace on an empty command line closes it, as in vim.
            if action == .editBackspace && text.text.isEmpty { mode = .browse; return [] }
            if text.apply(action) { mode = .command(text); return [] }
            switch action {
            case .cancel: mode = .browse; return []
            case .commit:
                mode = .browse
                return runCommand(text.text)
            default: break
            }
            mode = .command(text)
            return []
        case (.help, _):
            if action == .cancel || action == .openHelp || action == .commit { mode = .browse }
            return []
        case (.variants(var grid), _):
            switch action {
            case .pickVariant(let n) where grid.seeds.indices.contains(n):
                mode = .browse
                return reduce(.newSeed(grid.seeds[n]))
            case .commit:
                mode = .browse
                return grid.focusedSeed.map { reduce(.newSeed($0)) } ?? []
            case .moveSelection(let delta) where !grid.comparing:
                grid.focus = max(0, min(grid.seeds.count - 1, grid.focus + delta))
                mode = .variants(grid)
            case .compare:
                grid.comparing.toggle()
                mode = .variants(grid)
            case .cancel where grid.comparing:
                grid.comparing = false
                mode = .variants(grid)
            case .cancel, .openVariants: mode = .browse
            default: break
            }
            return []
        case (.playing(let start, let since), _):
            switch action {
            case .tick(let now):
                playhead = start + (now - since)
                if let (index, _) = shotAt(time: playhead) { selected = index } else { mode = .browse; playhead = 0 }
            case .togglePlay(let now):
                playhead = start + (now - since)
                mode = .browse
            case .cancel: mode = .browse
            default: break
            }
            return []
        case (.recovery(let edit), _):
            switch action {
            case .commit:
                mode = .browse
                guard let index = project.shots.firstIndex(where: { $0.id == edit.shotID }) else {
                    message = "shot \(edit.shotID) is no longer in the project; the recovered edit is discarded"
                    return [.dropRecovery]
                }
                // Back in the editor with the recovered text; the file stays until this edit is committed or cancelled.
                selected = index
                focusedField = edit.field
                mode = .editing(edit.field, TextField(edit.text))
            case .cancel:
                mode = .browse
                return [.dropRecovery]
            default: break
            }
            return []
        default:
            break
        }

        // Browsing.
        switch action {
        case .moveSelection(let delta):
            guard !project.shots.isEmpty else { return [] }
            selected = max(0, min(project.shots.count - 1, selected + delta))
            clipDrawing = 0
        case .tick(let now):
            clock = now
        case .stepDrawing(let delta):
            guard let shot = selectedShot else { return [] }
            let count = project.drawingCount(for: shot)
            clipDrawing = max(0, min(count - 1, previewDrawing + delta))
            loopingSince = nil
            notice = "drawing \(clipDrawing + 1) of \(count) (\(project.drawingsPerSecond(for: shot)) a second)"
        case .toggleLoop(let now):
            guard selectedShot != nil else { return [] }
            clock = now
            if loopingSince == nil {
                loopingSince = now
                notice = "looping the clip (l stops)"
            } else {
                loopingSince = nil
            }
        case .focusNextField:
            let all = ShotField.allCases
            focusedField = all[(all.firstIndex(of: focusedField)! + 1) % all.count]
        case .beginEdit(let field):
            guard let shot = selectedShot else { return [] }
            let f = field ?? focusedField
            focusedField = f
            mode = .editing(f, TextField(f.text(of: shot)))
        case .newSeed(let seed):
            guard let shot = selectedShot else { return [] }
            let i = selected
            return change { $0.shots[i].seed = seed } + [.render(id: shot.id)]
        case .addShot(let seed):
            let id = uniqueID("s")
            let shot = Shot(id: id, prompt: "wide shot of an empty field at golden hour", seed: seed)
            let at = project.shots.isEmpty ? 0 : selected + 1
            let effects = change { $0.shots.insert(shot, at: at) }
            selected = at
            return effects + [.render(id: id)]
        case .duplicateShot:
            guard var shot = selectedShot else { return [] }
            shot.id = uniqueID(shot.id + "-")
            let i = selected
            let effects = change { $0.shots.insert(shot, at: i + 1) }
            selected += 1
            return effects + [.render(id: shot.id)]
        case .deleteShot:
            guard selectedShot != nil else { return [] }
            let i = selected
            let effects = change { $0.shots.remove(at: i) }
            selected = max(0, min(selected, project.shots.count - 1))
            return effects
        case .moveShot(let delta):
            let target = selected + delta
            guard project.shots.indices.contains(selected), project.shots.indices.contains(target) else { return [] }
            let i = selected
            let effects = change { $0.shots.swapAt(i, target) }
            selected = target
            return effects
        case .undo:
            guard let previous = undoStack.popLast() else { message = "nothing to undo"; return [] }
            redoStack.append(project)
            return restore(previous)
        case .redo:
            guard let next = redoStack.popLast() else { message = "nothing to redo"; return [] }
            undoStack.append(project)
            return restore(next)
        case .openVariants(let count, let seeds):
            guard let shot = selectedShot else { return [] }
            let list = [shot.seed] + Array((shot.variants.filter { $0 != shot.seed } + seeds).prefix(count - 1))
            mode = .variants(VariantGrid(seeds: list))
            return [.renderVariants(id: shot.id, seeds: list)]
        case .compare:
            guard let shot = selectedShot else { return [] }
            if compareWith == shot.id {
                compareWith = nil
                notice = "A/B compare off"
            } else {
                compareWith = shot.id
                notice = "A = \(shot.id): other shots show beside it (b on A or Esc ends A/B)"
            }
        case .cancel:
            // Esc while browsing stops what runs in the background first, then leaves A/B.
            if exporting != nil {
                notice = "cancelling the export…"
                return [.cancelExport]
            }
            if status.values.contains(where: \.isBusy) {
                notice = "cancelling renders (Esc)…"
                for (id, value) in status where value.isBusy { status[id] = .stale }
                return [.cancelRenders]
            }
            compareWith = nil
        case .togglePlay(let now):
            guard !project.shots.isEmpty else { return [] }
            let startTime = project.shots.prefix(selected).reduce(0) { $0 + $1.duration }
            mode = .playing(start: startTime, since: now)
        case .openHelp: mode = .help
        case .openCommand: mode = .command(TextField(""))
        case .save: return [.save]
        case .offerRecovery(let edit): mode = .recovery(edit)
        default: break
        }
        return []
    }

    /// Takes in a result of background work (renders, exports), whatever the mode; false for any other action.
    mutating func absorbResult(_ action: StudioAction) -> Bool {
        switch action {
        case .renderProgress(let id, let step, let total): status[id] = .rendering(step: step, of: total)
        case .renderFinished(let id, let cached):
            status[id] = .ready
            if cached { cacheHits += 1 }
        case .clipProgress(let id, let window, let windows, let step, let total):
            status[id] = .animating(window: window, windows: windows, step: step, of: total)
        case .clipFinished(let id):
            if status[id]?.isBusy == true { status[id] = .ready }
        case .renderFailed(let id, let text):
            status[id] = .failed(text)
            message = "\(id): \(text)"
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
        case "help": mode = .help; return []
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
