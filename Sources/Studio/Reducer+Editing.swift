extension StudioState {
    /// Editing a field of the selected shot: text edits, Enter commits (and re-renders when pixels change), Esc cancels.
    mutating func reduceEditing(_ field: ShotField, _ text: TextField, _ action: StudioAction) -> [StudioEffect] {
        var text = text
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
    }

    /// The `:` command line: Enter runs it, Esc (or Backspace on an empty line, as in vim) closes it.
    mutating func reduceCommandLine(_ text: TextField, _ action: StudioAction) -> [StudioEffect] {
        var text = text
        if action == .editBackspace && text.text.isEmpty { mode = .browse; return [] }
        if text.apply(action) { mode = .command(text); return [] }
        switch action {
        case .cancel: mode = .browse; return []
        case .commit:
            mode = .browse
            return runCommand(text.text)
        default:
            mode = .command(text)
            return []
        }
    }
}
