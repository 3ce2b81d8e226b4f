import CNcurses
import Foundation
import Imaging
import Storage
import Studio
import Terminal

/// The ncurses backend: set up and restore the terminal, copy a cell grid to the screen, read keys.
/// Pictures are written as half-block, sixel, kitty or iTerm2 escape sequences after ncurses has refreshed, into the
/// slots the view left.
final class Screen: StudioBackend {
    let graphics: StudioGraphics
    /// Set in sixel and iTerm2 mode only.
    private let sixels: SixelSlots?
    /// Set in kitty mode only.
    private let kitty: KittySlots?
    private var pairs: [Scope: Int32] = [:]
    private var bold: [Scope: Bool] = [:]
    private var sent: [String: CellImage] = [:]
    /// Downscaling a keyframe costs more than drawing the whole screen, so a key press reuses the last one; good
    /// for one picture generation.
    private var cellImages: [String: CellImage] = [:]
    private var cellImagesGeneration = -1
    /// Half-blocks in the colours the terminal says it shows (`StudioGraphics.colourMode`, as `show` decides).
    private let encoder: HalfBlockEncoder
    private(set) var columns = 0
    private(set) var rows = 0

    init(theme: Theme, graphics: StudioGraphics = StudioGraphics(mode: .halfblock)) {
        self.graphics = graphics
        encoder = HalfBlockEncoder(colourMode: graphics.colourMode)
        sixels = graphics.mode == .sixel || graphics.mode == .iterm2 ? SixelSlots(graphics: graphics) : nil
        kitty = graphics.mode == .kitty ? KittySlots(graphics: graphics) : nil
        setlocale(LC_ALL, "")
        initscr()
        raw()
        noecho()
        // Eight-bit bytes, for UTF-8 text: the key decoder reads raw bytes.
        meta(storyreel_stdscr(), true)
        curs_set(0)
        timeout(30)
        // Pasted text arrives between ESC [200~ and ESC [201~, so it goes into a field instead of running as keys.
        Screen.send(Screen.bracketedPasteOn)
        if has_colors() {
            start_color()
            use_default_colors()
            for (i, scope) in Scope.allCases.enumerated() {
                let style = theme.style(scope)
                let fg = Int16(style.foreground < Int(storyreel_colors()) ? style.foreground : -1)
                let bg = Int16(style.background < Int(storyreel_colors()) ? style.background : -1)
                init_pair(Int16(i + 1), fg, bg)
                pairs[scope] = Int32(i + 1)
                bold[scope] = style.bold
            }
        }
        updateSize()
    }

    /// Puts the terminal back as it was. Safe to call more than once, and on a terminal that is gone.
    func close() {
        if let kitty { Screen.send(kitty.close()) }
        Screen.send(Screen.bracketedPasteOff)
        endwin()
        Screen.send(Array("\u{1B}[0m\u{1B}[?25h".utf8))
    }

    static let bracketedPasteOn = Array("\u{1B}[?2004h".utf8), bracketedPasteOff = Array("\u{1B}[?2004l".utf8)

    /// Writes bytes to the terminal, giving up quietly when it is gone (FileHandle would trap on EIO after a hangup).
    static func send(_ bytes: [UInt8]) {
        _ = FileWriter.writeAll(1, bytes)
    }

    func updateSize() {
        rows = Int(storyreel_getmaxy(storyreel_stdscr()))
        columns = Int(storyreel_getmaxx(storyreel_stdscr()))
    }

    var size: (columns: Int, rows: Int) { (columns, rows) }

    /// Clears the screen; every picture is sent again on the next draw (ncurses does not know what they covered).
    func clear() {
        CNcurses.clear()
        forgetPictures()
    }

    /// The text, then each picture: in pixels where the terminal has a protocol for them, else in half-blocks.
    func draw(_ grid: CellGrid, pictures: [Picture]) {
        draw(grid)
        for picture in pictures {
            if graphics.mode != .halfblock {
                pixels(picture.frame, source: { picture.window?.crop($0) ?? $0 }, slot: picture.slot)
            } else if let image = cellImage(picture) {
                self.picture(image, slot: picture.slot, key: "")
            }
        }
    }

    /// A picture in half-block cells, kept while its frames stay the same (playback frames are each seen once).
    func cellImage(_ picture: Picture) -> CellImage? {
        guard let frame = picture.frame else { return nil }
        if picture.generation != cellImagesGeneration {
            cellImages.removeAll()
            cellImagesGeneration = picture.generation
        }
        let slot = picture.slot
        let key = "\(slot.content) \(slot.columns)x\(slot.rows)"
        if let image = cellImages[key] { return image }
        let image = CellImage(frame: picture.window?.crop(frame) ?? frame, columns: slot.columns, rows: slot.rows)
        if !picture.isMoving { cellImages[key] = image }
        return image
    }

    /// After a resize or a full repaint every picture must be sent again.
    func forgetPictures() {
        sent.removeAll()
        sixels?.forget()
        if let kitty { Screen.send(kitty.forget()) }
    }

    func draw(_ grid: CellGrid) {
        for r in 0..<grid.rows {
            var c = 0
            while c < grid.columns {
                // Runs of one scope go out in one call.
                let scope = grid[r, c].scope
                var run = ""
                var end = c
                while end < grid.columns && grid[r, end].scope == scope {
                    run.append(grid[r, end].character)
                    end += 1
                }
                var attributes = storyreel_color_pair(pairs[scope] ?? 0)
                if bold[scope] == true { attributes |= storyreel_a_bold() }
                attron(attributes)
                mvaddstr(Int32(r), Int32(c), run)
                attroff(attributes)
                c = end
            }
        }
        refresh()
    }

    /// Sends a picture into a slot, only the cells that changed since the last picture sent there.
    func picture(_ image: CellImage, slot: ImageSlot, key: String) {
        let id = "\(slot.row),\(slot.column),\(slot.columns),\(slot.rows)"
        let bytes = encoder.encode(image, row: slot.row + 1, column: slot.column + 1, previous: sent[id])
        sent[id] = image
        guard !bytes.isEmpty else { return }
        // The picture's cursor jumps happen behind ncurses' back: save the cursor (and colours) first and restore
        // them after, so ncurses' next update starts from where it believes the cursor is. Without this, the relative
        // moves ncurses uses for the status bar start from the picture's last cell and text lands inside the picture.
        Screen.send([0x1B, 0x37] + bytes + [0x1B, 0x38])
    }

    /// Sends a frame into a slot as a kitty, iTerm2 or sixel image, when the slot does not show it already; `source`
    /// is what is drawn (the keyframe, or the part of it a camera move shows), made only when it is sent.
    /// A nil frame blanks a slot that showed one.
    func pixels(_ frame: Frame?, source: (Frame) -> Frame, slot: ImageSlot) {
        let bytes: [UInt8]
        if let kitty {
            bytes = frame.map { frame in kitty.bytes(for: frame, source: { source(frame) }, slot: slot) } ?? kitty.vacate(slot)
        } else if let sixels {
            bytes = frame.map { frame in sixels.bytes(for: frame, source: { source(frame) }, slot: slot) } ?? sixels.vacate(slot)
        } else {
            return
        }
        guard !bytes.isEmpty else { return }
        // As with half-blocks: the cursor move happens behind ncurses' back, so the cursor is saved and restored.
        Screen.send([0x1B, 0x37] + bytes + [0x1B, 0x38])
    }

    /// Reads that failed at once, one after the other (a timeout takes its 30 ms).
    private var quickFailures = 0
    /// Our own key decoder reads the raw bytes: ncurses' keypad mode knows only what terminfo lists for `TERM` and
    /// splits any other sequence into Esc and literal keys.
    private var decoder = KeyDecoder()
    /// Keys decoded from one read and not handed out yet.
    private var keys: [Key] = []
    /// How long half a sequence waits for the rest before it is settled (a lone ESC is then the Esc key), as vim's
    /// ttimeoutlen: long enough for a sequence split by tmux or a slow link.
    static let escapeDelay: Int32 = 100

    /// The next key, `.none` when none came within the timeout, `.lost` when the terminal is gone.
    func input() -> BackendInput {
        if !keys.isEmpty { return .key(keys.removeFirst()) }
        let waiting = decoder.isWaiting && !decoder.isPasting
        timeout(waiting ? Screen.escapeDelay : 30)
        let started = DispatchTime.now().uptimeNanoseconds
        let first = getch()
        if first == ERR {
            // A hung-up terminal or closed stdin makes every read fail at once; the loop would spin on them.
            let quick = DispatchTime.now().uptimeNanoseconds - started < 5_000_000
            quickFailures = quick ? quickFailures + 1 : 0
            if quick && (quickFailures >= 20 || Screen.inputHungUp()) { return .lost }
            if waiting { keys = decoder.flush() }
            return keys.isEmpty ? .none : .key(keys.removeFirst())
        }
        quickFailures = 0
        var bytes: [UInt8] = []
        var resized = first == storyreel_key_resize()
        if !resized, first >= 0, first < 256 { bytes.append(UInt8(first)) }
        // The rest of what the terminal sent: a sequence usually comes in one write.
        timeout(0)
        while !resized {
            let next = getch()
            if next == ERR { break }
            if next == storyreel_key_resize() { resized = true } else if next >= 0, next < 256 { bytes.append(UInt8(next)) }
        }
        keys = decoder.feed(bytes)
        if resized {
            updateSize()
            keys.append(.resize)
        }
        return keys.isEmpty ? .none : .key(keys.removeFirst())
    }

    /// Ctrl-Z: the terminal goes back to the shell as the studio found it and the process group stops, as the
    /// terminal's own Ctrl-Z would stop it outside raw mode; after `fg` the caller repaints everything.
    func suspend() {
        // kitty pictures are not text: they would stay over the shell's screen.
        if let kitty { Screen.send(kitty.forget()) }
        Screen.send(Screen.bracketedPasteOff)
        endwin()
        Screen.send(Array("\u{1B}[0m\u{1B}[?25h".utf8))
        // ncurses' own SIGTSTP handler would do its restore inside a signal handler; the default action just stops.
        let previous = signal(SIGTSTP, SIG_DFL)
        kill(0, SIGTSTP)
        signal(SIGTSTP, previous)
        // Continued: the first refresh puts ncurses' terminal modes and alternate screen back.
        refresh()
        Screen.send(Screen.bracketedPasteOn)
        updateSize()
    }

    /// Whether stdin reports a hangup or an error (a stray signal can also end a read early, so it is asked).
    static func inputHungUp() -> Bool {
        var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, 0) >= 0 else { return errno != EINTR }
        return fds.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }
}
