import Project

extension StudioState {
    /// Browsing the board: selection, shot edits (each undoable and saved), seeds, variants, A/B, playback, clips.
    mutating func reduceBrowse(_ action: StudioAction) -> [StudioEffect] {
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
            // The current seed first, then the shot's saved variants, the seeds offered here before (cached), new ones.
            var list = [shot.seed]
            for seed in shot.variants + (offeredVariants[shot.id] ?? []) + seeds where list.count < count && !list.contains(seed) {
                list.append(seed)
            }
            offeredVariants[shot.id] = list
            variantStatus = Dictionary(uniqueKeysWithValues: list.map { ($0, ShotStatus.stale) })
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
        case .openHelp:
            mode = .help
            helpScroll = 0
        case .openCommand: mode = .command(TextField(""))
        case .save: return [.save]
        case .offerRecovery(let edit): mode = .recovery(edit)
        default: break
        }
        return []
    }
}
