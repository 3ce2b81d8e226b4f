import Project

/// Draws the studio into a cell grid: shot list, preview slot, fields, timeline, status bar, overlays.
public enum StudioView {
    public static let minimumColumns = 60
    public static let minimumRows = 16

    /// The screen for `state` at `columns × rows`, and where pictures go.
    public static func render(_ state: StudioState, columns: Int, rows: Int, keymap: Keymap = .standard) -> (CellGrid, [ImageSlot]) {
        var grid = CellGrid(columns: columns, rows: rows)
        guard columns >= minimumColumns, rows >= minimumRows else {
            let text = "Terminal too small: \(columns)×\(rows); the studio needs \(minimumColumns)×\(minimumRows)"
            grid.write(text, row: rows / 2, column: max(0, (columns - text.count) / 2), scope: .error)
            return (grid, [])
        }
        var slots: [ImageSlot] = []
        let layout = Layout(columns: columns, rows: rows)
        drawTitle(state, into: &grid)
        drawShotList(state, into: &grid, layout: layout)
        drawPreviewAndFields(state, into: &grid, slots: &slots, layout: layout)
        drawTimeline(state, into: &grid, row: rows - 2)
        drawStatusBar(state, into: &grid, row: rows - 1)
        // Overlays. Pictures under an overlay are not drawn (the backend writes them over text).
        switch state.mode {
        case .help:
            slots.removeAll()
            drawHelp(keymap, scroll: state.helpScroll, into: &grid)
        case .recovery(let edit):
            slots.removeAll()
            drawRecovery(edit, into: &grid)
        case .variants(let variants):
            slots.removeAll()
            drawVariants(variants, state, into: &grid, slots: &slots)
        default: break
        }
        return (grid, slots)
    }

    /// Where the regions of the main view are at a screen size.
    struct Layout {
        let columns: Int, rows: Int
        /// Width of the shot list; the separator is drawn in its last column.
        var listWidth: Int { min(34, max(22, columns / 3)) }
        let bodyTop = 1
        var bodyBottom: Int { rows - 3 }
        /// Left column and width of the preview and fields.
        var right: Int { listWidth + 2 }
        var width: Int { columns - right - 1 }
        var fieldsHeight: Int { min(ShotField.allCases.count, max(4, (bodyBottom - bodyTop) / 3)) }
        var previewRows: Int { bodyBottom - bodyTop - fieldsHeight - 1 }
    }

    /// The shots the list shows at `rows` (the selected one kept in the middle where it can be), in board order.
    public static func visibleShots(_ state: StudioState, rows: Int) -> Range<Int> {
        let layout = Layout(columns: minimumColumns, rows: max(rows, minimumRows))
        let count = state.project.shots.count
        let visible = layout.bodyBottom - layout.bodyTop
        let first = max(0, min(state.selected - visible / 2, count - visible))
        return first..<min(count, first + visible)
    }

    /// The title row: the project's title and its summary on the right.
    static func drawTitle(_ state: StudioState, into grid: inout CellGrid) {
        let project = state.project
        grid.write(project.title, row: 0, column: 1, scope: .title)
        let summary = "\(project.shots.count) shots · \(format(project.runningTime)) s · \(project.width)×\(project.height) · \(format(project.fps)) fps"
        grid.write(summary, row: 0, column: max(project.title.count + 3, grid.columns - summary.count - 1), scope: .dim)
    }

    /// The shot list on the left: a marker per shot's render state, number, id and duration.
    static func drawShotList(_ state: StudioState, into grid: inout CellGrid, layout: Layout) {
        let project = state.project
        let listWidth = layout.listWidth
        for row in layout.bodyTop..<layout.bodyBottom { grid[row, listWidth] = Cell("│", .border) }
        for (offset, index) in visibleShots(state, rows: layout.rows).enumerated() {
            let shot = project.shots[index]
            let row = layout.bodyTop + offset
            let selected = index == state.selected
            let (glyph, scope) = marker(state.status[shot.id] ?? .stale)
            grid.write(glyph, row: row, column: 1, scope: selected ? .selection : scope)
            let text = " \(String(index + 1).leftPad(2)) \(shot.id)"
            let duration = "\(format(shot.duration))s"
            if selected { grid.fill(row: row, column: 2, width: listWidth - 2, scope: .selection) }
            grid.write(text, row: row, column: 2, width: listWidth - duration.count - 3, scope: selected ? .selection : .text)
            grid.write(duration, row: row, column: listWidth - duration.count - 1, scope: selected ? .selection : .dim)
        }
        if project.shots.isEmpty { grid.write("No shots. Press a to add one.", row: layout.bodyTop, column: 1, width: listWidth - 1, scope: .dim) }
    }

    /// The selected shot's preview (or the A/B pair) and its fields, the one being edited with a cursor.
    static func drawPreviewAndFields(_ state: StudioState, into grid: inout CellGrid, slots: inout [ImageSlot], layout: Layout) {
        guard let shot = state.selectedShot else { return }
        let project = state.project
        let right = layout.right, width = layout.width, previewRows = layout.previewRows, bodyTop = layout.bodyTop
        // Keep the frame's shape: half-block cells are two pixels tall.
        let aspect = Double(project.width) / Double(project.height)
        var playing = false
        if case .playing = state.mode { playing = true }
        if let a = state.compareShot, !playing {
            // A/B: the marked shot beside the selected one.
            drawPair([(.keyframe(shotID: a.id, progress: nil), "A  \(a.id) · seed \(a.seed)"),
                      (.keyframe(shotID: shot.id, progress: nil), "B  \(shot.id) · seed \(shot.seed)")],
                     into: &grid, slots: &slots, top: bodyTop, left: right, width: width, height: previewRows, aspect: aspect)
        } else {
            var pCols = width, pRows = Int((Double(pCols) / aspect / 2).rounded())
            if pRows > previewRows { pRows = previewRows; pCols = Int((Double(pRows) * aspect * 2).rounded()) }
            var progress: Double? = nil
            if playing, let at = state.shotAt(time: state.playhead) {
                progress = at.offset / max(0.001, project.shots[at.index].duration)
            }
            let drawing = state.previewDrawing
            slots.append(ImageSlot(row: bodyTop, column: right + (width - pCols) / 2, columns: max(1, pCols), rows: max(1, pRows),
                                   content: drawing > 0 ? .drawing(shotID: shot.id, index: drawing, progress: progress)
                                       : .keyframe(shotID: shot.id, progress: progress)))
        }
        let fieldsTop = bodyTop + previewRows + 1
        for (i, field) in ShotField.allCases.prefix(layout.fieldsHeight).enumerated() {
            let row = fieldsTop + i
            let focused = field == state.focusedField
            grid.write(field.label, row: row, column: right, width: 9, scope: focused ? .focus : .dim)
            if case .editing(let editing, let text) = state.mode, editing == field {
                drawEditor(text, into: &grid, row: row, column: right + 10, width: width - 10)
            } else {
                grid.write(field.text(of: shot), row: row, column: right + 10, width: width - 10)
            }
        }
    }

    /// The bottom row: the command line, the recovery question, or the status (model, renders, cache, save state).
    static func drawStatusBar(_ state: StudioState, into grid: inout CellGrid, row bar: Int) {
        let columns = grid.columns
        switch state.mode {
        case .command(let text):
            grid.fill(row: bar, column: 0, width: columns, scope: .statusbar)
            grid.write(":", row: bar, column: 0, scope: .statusbar)
            drawEditor(text, into: &grid, row: bar, column: 1, width: columns - 1, scope: .statusbar)
        case .recovery(let edit):
            // The question waits on the status bar; the studio behind it is the project as saved.
            let head = " Recovered an unsaved edit of \(edit.shotID) \(edit.field.rawValue): '"
            let tail = "' — Enter to restore into the editor, Esc to discard"
            let room = columns - head.count - tail.count
            grid.fill(row: bar, column: 0, width: columns, scope: .focus)
            if room < 12 {
                // Too narrow for any of the text (the box above shows it whole): the question alone.
                grid.write(" Recovered an unsaved edit of \(edit.shotID) \(edit.field.rawValue): Enter restores it, Esc discards it",
                           row: bar, column: 0, width: columns, scope: .focus)
                return
            }
            // Typing happens at the end, so the end of a long text is what shows.
            let shown = edit.text.count <= room ? edit.text : "…" + String(edit.text.suffix(room - 1))
            grid.write(head + shown + tail, row: bar, column: 0, width: columns, scope: .focus)
        default:
            let scope: Scope = state.message != nil ? .error : .statusbar
            grid.fill(row: bar, column: 0, width: columns, scope: scope)
            var parts = ["model \(shortModel(state.modelName))"] + renderParts(state) + ["cache hits \(state.cacheHits)", state.saved ? "saved" : "unsaved"]
            if let export = state.exporting { parts.insert("exporting \(export.label) (Esc cancels)", at: 0) }
            if case .playing = state.mode { parts.insert("▶ \(format(state.playhead)) s", at: 0) }
            // A narrow terminal loses the cache count first, then the model, never the render news or the save state.
            for drop in ["cache hits", "model "] where parts.joined(separator: " · ").count + 10 > columns {
                parts.removeAll { $0.hasPrefix(drop) }
            }
            let left = state.message ?? state.notice ?? parts.joined(separator: " · ")
            grid.write(" " + left, row: bar, column: 0, width: columns, scope: scope)
            let hint = "? help "
            if columns > left.count + hint.count + 2 { grid.write(hint, row: bar, column: columns - hint.count, scope: scope) }
        }
    }

    /// The status bar's render news: the job running with its progress and how many wait (`rendering s03 ▕██▏ 5/20 ·
    /// 4 queued`), else how many keyframes are stale or that all are rendered, then a clip being drawn.
    static func renderParts(_ state: StudioState) -> [String] {
        let queued = state.activity.queued.count
        let waiting = queued > 0 ? " · \(queued) queued" : ""
        func bar(_ status: ShotStatus?) -> String {
            if case .rendering(let s, let t)? = status { return " " + ProgressBar.text(done: s, of: t) }
            return ""
        }
        if let (id, status) = state.status.first(where: { if case .animating = $0.value { return true } else { return false } }),
           case .animating(let w, let ws, let s, let t) = status {
            return ["animating \(id) window \(w)/\(ws) " + ProgressBar.text(done: s, of: t) + " (Esc cancels)\(waiting)"]
        }
        switch state.activity.running {
        case .keyDrawing(let id)?:
            return ["rendering \(id)\(bar(state.status[id]))\(waiting)"]
        case .variant(_, let seed)?:
            return ["rendering seed \(seed)\(bar(state.variantStatus[seed]))\(waiting)"]
        case .clip(let id)?:
            return [keyframeSummary(state), "drawing the clip of \(id)\(waiting)"]
        case nil:
            // A shot reported rendering without a queue behind it (a render from elsewhere).
            if let (id, status) = state.status.first(where: { if case .rendering = $0.value { return true } else { return false } }) {
                return ["rendering \(id)\(bar(status))"]
            }
            return [keyframeSummary(state)]
        }
    }

    static func keyframeSummary(_ state: StudioState) -> String {
        let stale = state.project.shots.filter { (state.status[$0.id] ?? .stale) == .stale }.count
        return stale > 0 ? "\(stale) stale" : "all rendered"
    }

    /// "sketch", or a checkpoint's file or folder name ("sd:…/v1-5-pruned.safetensors" as "sd:v1-5-pruned.safetensors").
    static func shortModel(_ model: String) -> String {
        guard model.hasPrefix("sd:"), let name = model.split(separator: "/").last else { return model }
        return "sd:" + name
    }

    /// The help overlay: browsing's bindings a line each (two columns where a short terminal is wide enough), then a
    /// line or so per other mode, all generated from the keymap; what does not fit scrolls (j/k).
    static func drawHelp(_ keymap: Keymap, scroll: Int, into grid: inout CellGrid) {
        let columns = grid.columns, rows = grid.rows
        let body = helpBody(keymap, columns: columns, rows: rows)
        let room = helpRoom(rows: rows)
        var shown = body
        if body.count > room {
            // A window of the lines and where the rest is.
            let first = max(0, min(scroll, body.count - (room - 1)))
            let below = body.count - first - (room - 1)
            shown = Array(body[first..<(first + room - 1)])
            shown.append(below > 0 ? "↓ \(below) more line\(below == 1 ? "" : "s") (j/↓ scrolls\(first > 0 ? ", k/↑ back" : ""))"
                                   : "↑ k/↑ scrolls back")
        }
        let lines = ["Keys — Esc or ? closes this help"] + shown
        // As wide as its widest line, shown or not, so scrolling never changes the box.
        let widest = (["Keys — Esc or ? closes this help"] + body).map(\.count).max() ?? 20
        let w = min(columns - 4, widest + 4), h = min(rows - 2, lines.count + 2)
        let top = max(0, (rows - h) / 2), left = max(0, (columns - w) / 2)
        box(into: &grid, row: top, column: left, width: w, height: h)
        for (i, line) in lines.prefix(h - 2).enumerated() {
            grid.write(line, row: top + 1 + i, column: left + 2, width: w - 4, scope: i == 0 ? .title : .text)
        }
    }

    /// Body lines of the help box (at most `rows - 5` show at once).
    static func helpRoom(rows: Int) -> Int { max(2, rows - 5) }

    /// How far the help can scroll at this size.
    public static func helpScrollLimit(_ keymap: Keymap, columns: Int, rows: Int) -> Int {
        max(0, helpBody(keymap, columns: columns, rows: rows).count - (helpRoom(rows: rows) - 1))
    }

    /// Every line of help below its title: the bindings, a blank line, the other modes' lines, wrapped to the box and
    /// packed side by side where short ones fit.
    static func helpBody(_ keymap: Keymap, columns: Int, rows: Int) -> [String] {
        var bindings = keymap.helpLines
        let summaries = keymap.summaryLines
        if bindings.count + summaries.count + 6 > rows {
            // A short terminal: the bindings in two columns where they fit across.
            let half = (bindings.count + 1) / 2
            let width = (bindings.prefix(half).map(\.count).max() ?? 0) + 2
            let right = bindings.suffix(from: half).map(\.count).max() ?? 0
            if width + right + 8 <= columns {
                bindings = (0..<half).map { i in
                    let left = bindings[i].padding(toLength: width, withPad: " ", startingAt: 0)
                    return i + half < bindings.count ? left + bindings[i + half] : bindings[i]
                }
            }
        }
        let wrapWidth = max(min(columns - 8, 96), bindings.map(\.count).max() ?? 0)
        var packed: [String] = []
        // Whether the last line holds whole one-line summaries only (so another may join it).
        var lastIsWhole = false
        for summary in summaries {
            let lines = wrap(summary, width: wrapWidth)
            if lines.count == 1, lastIsWhole, let last = packed.last, last.count + 5 + summary.count <= wrapWidth {
                packed[packed.count - 1] = last + "     " + summary
                continue
            }
            packed += lines
            lastIsWhole = lines.count == 1
        }
        return bindings + [""] + packed
    }

    /// The recovery question with the whole text, wrapped, so the choice is made knowing what comes back.
    static func drawRecovery(_ edit: RecoveredEdit, into grid: inout CellGrid) {
        let columns = grid.columns, rows = grid.rows
        let w = min(columns - 4, 80)
        var text = wrap("'" + edit.text + "'", width: w - 4)
        let room = max(1, rows - 10)
        if text.count > room { text = ["…"] + text.suffix(room - 1) }
        let lines = ["Recovered an unsaved edit of \(edit.shotID) \(edit.field.rawValue):", ""] + text
            + ["", "Enter to restore into the editor, Esc to discard"]
        let h = lines.count + 2
        let top = max(0, (rows - h) / 2), left = max(0, (columns - w) / 2)
        box(into: &grid, row: top, column: left, width: w, height: h)
        for (i, line) in lines.enumerated() {
            grid.write(line, row: top + 1 + i, column: left + 2, width: w - 4, scope: i == 0 ? .title : .text)
        }
    }

    /// The variants grid (a picture and label per seed, with its render state) or its A/B pair.
    static func drawVariants(_ variants: VariantGrid, _ state: StudioState, into grid: inout CellGrid, slots: inout [ImageSlot]) {
        guard let shot = state.selectedShot else { return }
        let columns = grid.columns, rows = grid.rows
        let aspect = Double(state.project.width) / Double(state.project.height)
        let top = 1, left = 1, w = columns - 2, h = rows - 3
        box(into: &grid, row: top, column: left, width: w, height: h)
        if variants.comparing, let seed = variants.focusedSeed {
            grid.write(" A/B of \(shot.id): the current seed beside seed \(seed) · Enter picks it · Esc or b back to the grid ",
                       row: top, column: left + 2, width: w - 4, scope: .title)
            drawPair([(.keyframe(shotID: shot.id, progress: nil), "A  seed \(shot.seed) (current)"),
                      (.variant(shotID: shot.id, seed: seed), "B  seed \(seed)")],
                     into: &grid, slots: &slots, top: top + 2, left: left + 2, width: w - 4, height: h - 3, aspect: aspect)
            return
        }
        let n = variants.columns
        grid.write(" Variants of \(shot.id): 1–\(variants.seeds.count) picks (or arrows, Enter) · b compares · Esc leaves ",
                   row: top, column: left + 2, width: w - 4, scope: .title)
        let cellW = (w - 2) / n, cellH = (h - 2) / n
        for (i, seed) in variants.seeds.enumerated() {
            let r = top + 1 + (i / n) * cellH, c = left + 1 + (i % n) * cellW
            let focused = i == variants.focus
            var label = "\(focused ? "▸" : " ")\(i + 1)  seed \(seed)\(seed == shot.seed ? " (current)" : "")"
            switch state.variantStatus[seed] {
            case .rendering(let s, let t)?: label += "  " + ProgressBar.text(done: s, of: t, width: 6)
            case .stale?: label += "  queued"
            case .failed?: label += "  failed"
            default: break
            }
            grid.write(label, row: r + cellH - 1, column: c, width: cellW - 1, scope: focused ? .focus : .dim)
            slots.append(ImageSlot(row: r, column: c + 1, columns: max(1, cellW - 2), rows: max(1, cellH - 2), content: .variant(shotID: shot.id, seed: seed)))
        }
    }

    /// Two pictures side by side in a rectangle, each keeping the frame's shape, a label under each (A/B compare).
    static func drawPair(_ pair: [(ImageSlot.Content, String)], into grid: inout CellGrid, slots: inout [ImageSlot],
                         top: Int, left: Int, width: Int, height: Int, aspect: Double) {
        let half = (width - 1) / 2
        var cols = half, rows = Int((Double(cols) / aspect / 2).rounded())
        if rows > height - 1 { rows = height - 1; cols = Int((Double(rows) * aspect * 2).rounded()) }
        for (i, (content, label)) in pair.enumerated() {
            let column = left + i * (half + 1) + (half - cols) / 2
            slots.append(ImageSlot(row: top, column: column, columns: max(1, cols), rows: max(1, rows), content: content))
            grid.write(label, row: top + rows, column: column, width: max(1, cols), scope: .title)
        }
    }

    /// Lines of at most `width` characters, broken at spaces where a word fits, else inside the word.
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            var word = word
            if !line.isEmpty && line.count + 1 + word.count <= width { line += " " + word; continue }
            if !line.isEmpty { lines.append(line); line = "" }
            while word.count > width { lines.append(String(word.prefix(width))); word = String(word.dropFirst(width)) }
            line = word
        }
        return lines + [line]
    }

    static func drawTimeline(_ state: StudioState, into grid: inout CellGrid, row: Int) {
        let shots = state.project.shots, total = max(0.001, state.project.runningTime)
        let width = grid.columns - 2
        var column = 1
        var start = 0.0
        for (i, shot) in shots.enumerated() {
            start += shot.duration
            let end = i == shots.count - 1 ? width + 1 : 1 + Int((start / total * Double(width)).rounded())
            let w = max(1, end - column)
            let scope: Scope = i == state.selected ? .timelineSelected : (i % 2 == 0 ? .timeline : .timelineAlt)
            grid.fill(row: row, column: column, width: w, scope: scope)
            grid.write(shot.id, row: row, column: column, width: w, scope: scope)
            column += w
        }
        if case .playing = state.mode {
            let x = 1 + Int((state.playhead / total * Double(width)).rounded(.down))
            grid[row, min(grid.columns - 2, x)] = Cell("┃", .playhead)
        }
    }

    static func drawEditor(_ text: TextField, into grid: inout CellGrid, row: Int, column: Int, width: Int, scope: Scope = .text) {
        let chars = text.characters
        let start = max(0, text.cursor - width + 1)
        for (i, ch) in chars[start...].prefix(width).enumerated() { grid[row, column + i] = Cell(ch, scope) }
        grid[row, column + text.cursor - start] = Cell(text.cursor < chars.count ? chars[text.cursor] : " ", .cursor)
    }

    static func box(into grid: inout CellGrid, row: Int, column: Int, width: Int, height: Int) {
        grid.fill(row: row, column: column, width: width, height: height, scope: .text)
        for c in column..<(column + width) { grid[row, c] = Cell("─", .border); grid[row + height - 1, c] = Cell("─", .border) }
        for r in row..<(row + height) { grid[r, column] = Cell("│", .border); grid[r, column + width - 1] = Cell("│", .border) }
        grid[row, column] = Cell("┌", .border); grid[row, column + width - 1] = Cell("┐", .border)
        grid[row + height - 1, column] = Cell("└", .border); grid[row + height - 1, column + width - 1] = Cell("┘", .border)
    }

    static func marker(_ status: ShotStatus) -> (String, Scope) {
        switch status {
        case .stale: return ("◌", .stale)
        case .rendering, .animating: return ("◐", .rendering)
        case .ready: return ("●", .ready)
        case .failed: return ("✗", .error)
        }
    }

    static func format(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e9 ? String(Int(d)) : String((d * 100).rounded() / 100)
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
