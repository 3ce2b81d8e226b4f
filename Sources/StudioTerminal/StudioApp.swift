import CNcurses
import Diffusion
import Export
import Foundation
import Imaging
import Project
import Render
import Storage
import Studio
import Terminal

/// The studio's run loop: keys become actions, the reducer changes the state, effects run (saves at once, renders
/// in the background), and the view is drawn. The loop never waits on a render.
public final class StudioApp: @unchecked Sendable {
    let folder: String
    var state: StudioState
    let keymap = Keymap.standard
    let theme: Theme
    /// Results of background work, handed to the loop.
    private var inbox: [StudioAction] = []
    private let lock = NSLock()
    private var keyframes: [String: Frame] = [:]
    private var variantFrames: [UInt32: Frame] = [:]
    private var cancels: [String: CancellationFlag] = [:]
    private var picturesChanged = false
    private let renderQueue = DispatchQueue(label: "storyreel.studio.render")

    public init(folder: String, project: Project, theme: Theme) {
        self.folder = folder
        self.state = StudioState(project: project)
        self.theme = theme
    }

    /// Runs until the user quits or a signal arrives; the terminal is restored on every way out.
    public func run() throws {
        let lock = try ProjectLock(folder: folder, purpose: "storyreel studio")
        LeftoverSweeper.sweep(projectFolder: folder)
        defer { withExtendedLifetime(lock) {} }
        let screen = Screen(theme: theme)
        StudioApp.installRestore(screen)
        var signals: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in self?.post(.quit) }
            source.resume()
            signals.append(source)
        }
        defer {
            screen.close()
            for s in signals { s.cancel() }
        }
        for shot in state.project.shots { perform(.render(id: shot.id)) }
        var lastSize = (0, 0)
        var lastLayer = 0
        var dirty = true
        while !state.shouldQuit {
            let arrived = takeInbox()
            for action in arrived { effects(state.reduce(action)) }
            if case .playing = state.mode {
                effects(state.reduce(.tick(now: Self.now())))
                dirty = true
            }
            // A new size or a new overlay repaints everything: ncurses does not know what pictures covered.
            let layer = Self.layer(of: state.mode)
            if (screen.columns, screen.rows) != lastSize || layer != lastLayer {
                clear()
                screen.forgetPictures()
                lastSize = (screen.columns, screen.rows)
                lastLayer = layer
                dirty = true
            }
            // Idle costs nothing: draw only when something changed.
            if dirty || !arrived.isEmpty || pictureChanged() {
                let (grid, slots) = StudioView.render(state, columns: screen.columns, rows: screen.rows, keymap: keymap)
                screen.draw(grid)
                for slot in slots { if let image = picture(for: slot) { screen.picture(image, slot: slot, key: "") } }
                dirty = false
            }
            guard let key = screen.key() else { continue }
            dirty = true
            if key == .resize { continue }
            if let action = action(for: key) { effects(state.reduce(action)) }
        }
    }

    /// Which screen layer a mode shows: the main view, help, or the variants grid.
    static func layer(of mode: StudioMode) -> Int {
        switch mode {
        case .help: return 1
        case .variants: return 2
        default: return 0
        }
    }

    /// Maps a key to an action for the current mode.
    func action(for key: Key) -> StudioAction? {
        // Raw mode turns Ctrl-C into a key: it quits (saved) from anywhere; only an unfinished edit is dropped.
        if key == .ctrl("c") {
            if case .editing = state.mode { _ = state.reduce(.cancel) }
            if case .command = state.mode { _ = state.reduce(.cancel) }
            return .quit
        }
        switch state.mode {
        case .editing, .command:
            switch key {
            case .enter: return .commit
            case .escape: return .cancel
            case .backspace: return .editBackspace
            case .delete: return .editDelete
            case .left: return .editLeft
            case .right: return .editRight
            case .home, .ctrl("a"): return .editHome
            case .end, .ctrl("e"): return .editEnd
            case .ctrl("w"): return .editDeleteWord
            case .space: return .editInsert(" ")
            case .char(let c): return .editInsert(String(c))
            default: return nil
            }
        case .variants:
            if case .char(let c) = key, let n = c.wholeNumberValue, n >= 1 { return .pickVariant(n - 1) }
            return key == .escape || key == .char("v") ? .cancel : nil
        case .help:
            return key == .char("q") ? .quit : .cancel
        case .playing:
            if key == .space { return .togglePlay(now: Self.now()) }
            return key == .escape ? .cancel : key == .char("q") ? .quit : nil
        case .browse:
            if key == .escape { return nil }
            guard let command = keymap.command(for: key) else { return nil }
            switch command {
            case .down: return .moveSelection(1)
            case .up: return .moveSelection(-1)
            case .edit: return .beginEdit(nil)
            case .nextField: return .focusNextField
            case .newSeed: return .newSeed(UInt32.random(in: 0...UInt32.max))
            case .typeSeed:
                effects(state.reduce(.openCommand))
                return .editInsert("seed ")
            case .addShot: return .addShot(seed: UInt32.random(in: 0...99_999))
            case .duplicateShot: return .duplicateShot
            case .deleteShot: return .deleteShot
            case .moveShotDown: return .moveShot(1)
            case .moveShotUp: return .moveShot(-1)
            case .undo: return .undo
            case .redo: return .redo
            case .variants: return .openVariants(count: 4, seeds: (0..<8).map { _ in UInt32.random(in: 0...99_999) })
            case .variantsNine: return .openVariants(count: 9, seeds: (0..<12).map { _ in UInt32.random(in: 0...99_999) })
            case .play: return .togglePlay(now: Self.now())
            case .help: return .openHelp
            case .command: return .openCommand
            case .save: return .save
            case .quit: return .quit
            }
        }
    }

    func effects(_ list: [StudioEffect]) { for e in list { perform(e) } }

    func perform(_ effect: StudioEffect) {
        switch effect {
        case .save:
            do {
                try ProjectFile.save(state.project, folder: folder)
                state.saved = true
            } catch {
                state.message = "could not save: \(error.description)"
            }
        case .render(let id):
            guard let shot = state.project.shot(id: id) else { return }
            cancels[id]?.cancel()
            let flag = CancellationFlag()
            cancels[id] = flag
            state.status[id] = .stale
            let project = state.project
            let folder = self.folder
            renderQueue.async { [weak self] in
                guard let self, !flag.isCancelled else { return }
                let renderer = ProjectRenderer(folder: folder, project: project)
                do {
                    let settings = project.renderSettings(for: shot)
                    let prepared = try ModelRegistry.model(for: settings.model, relativeTo: folder).prepare(prompt: shot.prompt, negative: settings.negative, guidance: settings.guidance, width: settings.width, height: settings.height)
                    let result = try renderer.render(shot, cancel: flag) { event in
                        if case .step(_, let step, let total, let denoised) = event {
                            self.post(.renderProgress(id: id, step: step + 1, of: total))
                            // The x0 preview, small and quick.
                            if let preview = try? prepared.decodePreview(latent: denoised, width: 256, height: 256 * settings.height / settings.width) {
                                self.setKeyframe(id, preview)
                            }
                        }
                    }
                    let frame = try PNGDecoder.decode(FileReader.read(folder + "/" + result.png)).frame
                    self.setKeyframe(id, frame)
                    self.post(.renderFinished(id: id, cached: result.status == .cached))
                } catch is CancellationError {
                } catch {
                    self.post(.renderFailed(id: id, message: "\(error)"))
                }
            }
        case .renderVariants(let id, let seeds):
            guard let shot = state.project.shot(id: id) else { return }
            let project = state.project
            lock.lock(); variantFrames.removeAll(); lock.unlock()
            renderQueue.async { [weak self] in
                let settings = project.renderSettings(for: shot)
                guard let self, let prepared = try? ModelRegistry.model(for: settings.model, relativeTo: self.folder).prepare(prompt: shot.prompt, negative: settings.negative, guidance: settings.guidance, width: settings.width, height: settings.height) else { return }
                for seed in seeds {
                    var variant = shot
                    variant.seed = seed
                    guard let (latent, _) = try? ProjectRenderer.sample(prepared: prepared, shot: variant, settings: settings),
                          let frame = try? prepared.decode(latent: latent, width: 512, height: 512 * settings.height / settings.width) else { continue }
                    self.lock.lock(); self.variantFrames[seed] = frame; self.picturesChanged = true; self.lock.unlock()
                }
            }
        case .export(let args):
            state.message = "exporting… (\(args.joined(separator: " ")))"
            let folder = self.folder
            DispatchQueue.global().async { [weak self] in
                let binary = CommandLine.arguments[0]
                let p = Process()
                p.executableURL = URL(fileURLWithPath: binary)
                p.arguments = ["export", folder] + args
                p.standardOutput = FileHandle.nullDevice
                let err = Pipe()
                p.standardError = err
                try? p.run()
                let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                p.waitUntilExit()
                self?.post(.notify(p.terminationStatus == 0 ? "saved export: \(args.joined(separator: " "))" : said.split(separator: "\n").last.map(String.init) ?? "export failed"))
            }
        case .quit:
            break  // the reducer has set shouldQuit; the loop ends after this pass
        }
    }

    /// What goes in a picture slot now.
    func picture(for slot: ImageSlot) -> CellImage? {
        lock.lock(); defer { lock.unlock() }
        switch slot.content {
        case .keyframe(let id, let progress):
            guard let frame = keyframes[id] else { return nil }
            if let progress, let shot = state.project.shot(id: id) {
                return CellImage(frame: Self.window(frame, move: shot.camera, progress: progress), columns: slot.columns, rows: slot.rows)
            }
            return CellImage(frame: frame, columns: slot.columns, rows: slot.rows)
        case .variant(_, let seed):
            guard let frame = variantFrames[seed] else { return nil }
            return CellImage(frame: frame, columns: slot.columns, rows: slot.rows)
        }
    }

    /// The part of a keyframe a camera move shows at `progress`: the animatic's own window, cropped.
    public static func window(_ frame: Frame, move: CameraMove, progress u: Double) -> Frame {
        let (cx, cy, size) = AnimaticRenderer.window(move, progress: u)
        let w = max(1, Int(Double(frame.width) * size)), h = max(1, Int(Double(frame.height) * size))
        let x0 = max(0, min(frame.width - w, Int((cx - size / 2) * Double(frame.width))))
        let y0 = max(0, min(frame.height - h, Int((cy - size / 2) * Double(frame.height))))
        var pixels = [UInt8](repeating: 0, count: w * h * 4)
        for y in 0..<h {
            let src = ((y0 + y) * frame.width + x0) * 4
            pixels.replaceSubrange((y * w * 4)..<((y + 1) * w * 4), with: frame.pixels[src..<(src + w * 4)])
        }
        return Frame(width: w, height: h, pixels: pixels)
    }

    func setKeyframe(_ id: String, _ frame: Frame) {
        lock.lock(); keyframes[id] = frame; picturesChanged = true; lock.unlock()
    }

    /// Whether a background render delivered a picture since the last draw.
    func pictureChanged() -> Bool {
        lock.lock(); defer { lock.unlock() }
        let changed = picturesChanged
        picturesChanged = false
        return changed
    }

    func post(_ action: StudioAction) {
        lock.lock(); inbox.append(action); lock.unlock()
    }

    func takeInbox() -> [StudioAction] {
        lock.lock(); defer { lock.unlock() }
        let list = inbox
        inbox.removeAll()
        return list
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// On a crash, put the terminal back before the process dies.
    static func installRestore(_ screen: Screen) {
        for sig in [SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE] {
            signal(sig) { s in
                endwin()
                let reset = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"
                _ = reset.withCString { write(1, $0, strlen($0)) }
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }
}
