import CNcurses
import Foundation
import Imaging
import Studio
import Terminal

/// The ncurses side: set up and restore the terminal, copy a cell grid to the screen, read keys.
/// Pictures are written as half-block or sixel escape sequences after ncurses has refreshed, into the slots the view left.
final class Screen {
    let graphics: StudioGraphics
    /// Set in sixel mode only.
    private let sixels: SixelSlots?
    private var pairs: [Scope: Int32] = [:]
    private var bold: [Scope: Bool] = [:]
    private var sent: [String: CellImage] = [:]
    /// 24-bit colour only where the terminal says it has it; the 256-colour palette everywhere else.
    private let encoder = HalfBlockEncoder(colorMode: ["truecolor", "24bit"].contains(ProcessInfo.processInfo.environment["COLORTERM"]?.lowercased() ?? "") ? .truecolor : .palette256)
    private(set) var columns = 0
    private(set) var rows = 0

    init(theme: Theme, graphics: StudioGraphics = StudioGraphics(mode: .halfblock)) {
        self.graphics = graphics
        sixels = graphics.mode == .sixel ? SixelSlots(graphics: graphics) : nil
        setlocale(LC_ALL, "")
        initscr()
        raw()
        noecho()
        keypad(storyreel_stdscr(), true)
        curs_set(0)
        timeout(30)
        set_escdelay(25)
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
        endwin()
        Screen.send(Array("\u{1B}[0m\u{1B}[?25h".utf8))
    }

    /// Writes bytes to the terminal, giving up quietly when it is gone (FileHandle would trap on EIO after a hangup).
    static func send(_ bytes: [UInt8]) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(1, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            done += n
        }
    }

    func updateSize() {
        rows = Int(storyreel_getmaxy(storyreel_stdscr()))
        columns = Int(storyreel_getmaxx(storyreel_stdscr()))
    }

    /// After a resize or a full repaint every picture must be sent again.
    func forgetPictures() {
        sent.removeAll()
        sixels?.forget()
    }

    func draw(_ grid: CellGrid) {
        for r in 0..<grid.rows {
            var c = 0
            while c < grid.columns {
                // Runs of one scope go out in one call.
                let scope = grid[r, c].scope
                var run = ""
                var end = c
                while end < grid.columns && grid[r, end].scope == scope { run.append(grid[r, end].character); end += 1 }
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

    /// Sends a frame into a slot as a sixel image, when the slot does not show it already; `source` is what is drawn
    /// (the keyframe, or the part of it a camera move shows), made only when it is sent.
    /// A nil frame blanks a slot that showed one.
    func sixel(_ frame: Frame?, source: (Frame) -> Frame, slot: ImageSlot) {
        guard let sixels else { return }
        let bytes = frame.map { frame in sixels.bytes(for: frame, source: { source(frame) }, slot: slot) } ?? sixels.vacate(slot)
        guard !bytes.isEmpty else { return }
        // As with half-blocks: the cursor move happens behind ncurses' back, so the cursor is saved and restored.
        Screen.send([0x1B, 0x37] + bytes + [0x1B, 0x38])
    }

    /// Reads that failed at once, one after the other (a timeout takes its 30 ms).
    private var quickFailures = 0

    /// The next key, `.none` when none came within the timeout, `.lost` when the terminal is gone.
    func input() -> ScreenInput {
        let started = DispatchTime.now().uptimeNanoseconds
        var wide: wint_t = 0
        let kind = get_wch(&wide)
        if kind == ERR {
            // A hung-up terminal or closed stdin makes every read fail at once; the loop would spin on them.
            let quick = DispatchTime.now().uptimeNanoseconds - started < 5_000_000
            quickFailures = quick ? quickFailures + 1 : 0
            if quick && (quickFailures >= 20 || Screen.inputHungUp()) { return .lost }
            return .none
        }
        quickFailures = 0
        return key(kind: kind, wide: wide).map(ScreenInput.key) ?? .none
    }

    /// Whether stdin reports a hangup or an error (a stray signal can also end a read early, so it is asked).
    static func inputHungUp() -> Bool {
        var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, 0) >= 0 else { return errno != EINTR }
        return fds.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// Decodes what get_wch returned.
    private func key(kind: Int32, wide: wint_t) -> Key? {
        if kind == KEY_CODE_YES {
            switch Int32(wide) {
            case storyreel_key_resize(): updateSize(); return .resize
            case storyreel_key_up(): return .up
            case storyreel_key_down(): return .down
            case storyreel_key_left(): return .left
            case storyreel_key_right(): return .right
            case storyreel_key_home(): return .home
            case storyreel_key_end(): return .end
            case storyreel_key_backspace(): return .backspace
            case storyreel_key_dc(): return .delete
            case storyreel_key_enter(): return .enter
            default: return nil
            }
        }
        switch wide {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 32: return .space
        case 127, 8: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(wide) + 96)))
        default:
            guard let scalar = Unicode.Scalar(UInt32(wide)) else { return nil }
            return .char(Character(scalar))
        }
    }
}
