extension StudioState {
    /// The help overlay: Esc, `?` or Enter close it (the keymap makes every other unbound key Esc).
    mutating func reduceHelp(_ action: StudioAction) -> [StudioEffect] {
        if case .scrollHelp(let delta, let limit) = action { helpScroll = max(0, min(limit, helpScroll + delta)) }
        if action == .cancel || action == .openHelp || action == .commit { mode = .browse }
        return []
    }

    /// The variants grid: pick a seed (by number, or focus and Enter), A/B the focused one, or leave. Leaving stops
    /// the seeds still rendering; the ones done stay cached, so the grid opens again at no cost.
    mutating func reduceVariants(_ grid: VariantGrid, _ action: StudioAction) -> [StudioEffect] {
        var grid = grid
        switch action {
        case .pickVariant(let n) where grid.seeds.indices.contains(n):
            mode = .browse
            return leaveVariants() + reduce(.newSeed(grid.seeds[n]))
        case .commit:
            mode = .browse
            return leaveVariants() + (grid.focusedSeed.map { reduce(.newSeed($0)) } ?? [])
        case .moveSelection(let delta) where !grid.comparing:
            grid.focus = max(0, min(grid.seeds.count - 1, grid.focus + delta))
            mode = .variants(grid)
        case .compare:
            grid.comparing.toggle()
            mode = .variants(grid)
        case .cancel where grid.comparing:
            grid.comparing = false
            mode = .variants(grid)
        case .cancel, .openVariants:
            mode = .browse
            return leaveVariants()
        default: break
        }
        return []
    }

    /// On leaving the grid: cancel what still renders.
    func leaveVariants() -> [StudioEffect] {
        variantStatus.values.contains { $0 != .ready } ? [.cancelVariants] : []
    }

    /// Playing the cut: ticks move the playhead (and the selection with it) until the end; Space pauses, Esc stops.
    mutating func reducePlaying(start: Double, since: Double, _ action: StudioAction) -> [StudioEffect] {
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
    }

    /// The question whether to restore an edit a previous session left: Enter reopens the editor, Esc discards it.
    mutating func reduceRecovery(_ edit: RecoveredEdit, _ action: StudioAction) -> [StudioEffect] {
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
    }
}
