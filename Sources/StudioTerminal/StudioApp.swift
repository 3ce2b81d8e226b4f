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
    /// The session's models: each checkpoint loaded once for every render, variant and export.
    let models = ModelRegistry()
    let keymap = Keymap.standard
    let theme: Theme
    /// Results of background work, handed to the loop.
    private var inbox: [StudioAction] = []
    private let lock = NSLock()
    private var keyframes: [String: Frame] = [:]
    private var variantFrames: [UInt32: Frame] = [:]
    /// Each shot's clip on disk, as its last render left it, and the drawings decoded lately (a clip is read a
    /// drawing at a time as it plays, never all at once).
    private var clips: [String: ClipInfo] = [:]
    private var drawings: [(key: String, frame: Frame)] = []
    private static let drawingsKept = 48
    /// Frame files as last seen (modification time in ns), and when they were last looked at: renders that arrive
    /// from elsewhere (a render farm writing into the shared project) show up without a key press.
    private var frameStamps: [String: Int] = [:]
    private var lastFrameWatch = 0.0
    private var cancels: [String: CancellationFlag] = [:]
    private var picturesChanged = false
    /// Bumped whenever a frame arrives; the downscaled pictures below are good for one generation.
    private var frameGeneration = 0
    /// Downscaling a keyframe costs more than drawing the whole screen, so a key press reuses the last one.
    private var cellImages: [String: CellImage] = [:]
    private var cellImagesGeneration = -1
    private let renderQueue = DispatchQueue(label: "storyreel.studio.render")
    /// Exports run one at a time, beside renders, so a long animatic never holds up a preview.
    private let exportQueue = DispatchQueue(label: "storyreel.studio.export")
    private var exportCancel: CancellationFlag?
    private lazy var recovery = RecoveryFile(folder: folder)
    /// The unfinished edit a signal or a lost terminal left in the recovery file, for the goodbye line.
    public private(set) var keptEdit: RecoveredEdit?

    public init(folder: String, project: Project, theme: Theme) {
        self.folder = folder
        self.state = StudioState(project: project)
        self.theme = theme
    }

    /// Runs until the user quits, a signal arrives or the terminal goes; the terminal is restored on every way out.
    public func run() throws {
        let lock = try ProjectLock(folder: folder, purpose: "storyreel studio")
        LeftoverSweeper.sweep(projectFolder: folder)
        defer { withExtendedLifetime(lock) {} }
        // Before ncurses takes the keyboard: the crash handlers save the terminal's settings as the user had them,
        // and the probe reads the terminal's replies itself (ncurses would take them for keys).
        InheritedSignals.reset()
        CrashRestore.install()
        let screen = Screen(theme: theme, graphics: StudioGraphics.detect(environment: ProcessInfo.processInfo.environment))
        var signals: [DispatchSourceSignal] = []
        // SIGHUP means the terminal is gone; SIGTERM, someone asking politely. Both end the studio from any mode.
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in self?.post(sig == SIGINT ? .quit : .terminate) }
            source.resume()
            signals.append(source)
        }
        defer {
            screen.close()
            for s in signals { s.cancel() }
        }
        // A session that died mid-edit left its text behind: offer it before anything else.
        if let edit = recovery.read() { effects(state.reduce(.offerRecovery(edit))) }
        for shot in state.project.shots { perform(.render(id: shot.id)) }
        var lastSize = (0, 0)
        var lastLayer = 0
        var lastLayout: [[Int]] = []
        var repaint = true
        var dirty = true
        while !state.shouldQuit {
            let arrived = takeInbox()
            for action in arrived { effects(state.reduce(action)) }
            if state.shouldQuit { break }
            if case .playing = state.mode {
                effects(state.reduce(.tick(now: Self.now())))
                dirty = true
            } else if state.loopingSince != nil, case .browse = state.mode {
                effects(state.reduce(.tick(now: Self.now())))
                dirty = true
            }
            recovery.tick(now: Self.now())
            watchFrames(now: Self.now())
            if let failure = recovery.takeFailure() { state.message = failure; dirty = true }
            // Idle costs nothing: draw only when something changed.
            if dirty || repaint || !arrived.isEmpty || pictureChanged() {
                let (grid, slots) = StudioView.render(state, columns: screen.columns, rows: screen.rows, keymap: keymap)
                // A new size, overlay or picture layout repaints everything: ncurses does not know what pictures covered.
                let layer = Self.layer(of: state.mode)
                let layout = slots.map { [$0.row, $0.column, $0.columns, $0.rows] }
                if repaint || (screen.columns, screen.rows) != lastSize || layer != lastLayer || layout != lastLayout {
                    clear()
                    screen.forgetPictures()
                    lastSize = (screen.columns, screen.rows)
                    lastLayer = layer
                    lastLayout = layout
                    repaint = false
                }
                screen.draw(grid)
                for slot in slots {
                    if screen.graphics.mode != .halfblock {
                        screen.pixels(frame(for: slot), source: { self.source($0, slot: slot) }, slot: slot)
                    } else if let image = picture(for: slot) {
                        screen.picture(image, slot: slot, key: "")
                    }
                }
                dirty = false
            }
            switch screen.input() {
            case .none: continue
            case .lost:
                effects(state.reduce(.terminate))
            case .key(.resize):
                // The terminal may have reflowed or cleared what it showed: send everything again, pictures included.
                repaint = true
            case .key(.ctrl("z")):
                // Suspended with the terminal restored; back after `fg`, where the screen holds the shell's output.
                screen.suspend()
                repaint = true
            case .key(let key):
                dirty = true
                if let action = action(for: key) { effects(state.reduce(action)) }
            }
        }
        finish()
    }

    /// Once a second: a frame file that changed without this studio rendering it (a farm task, another machine's
    /// `render`) is read in, when it holds the shot as it is now.
    func watchFrames(now: Double) {
        guard now - lastFrameWatch >= 1 else { return }
        lastFrameWatch = now
        for shot in state.project.shots {
            var info = stat()
            guard stat(folder + "/frames/\(shot.id).png", &info) == 0 else { continue }
            let stamp = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
            let seen = frameStamps[shot.id]
            frameStamps[shot.id] = stamp
            guard let seen, seen != stamp, case .stale? = state.status[shot.id] else { continue }
            let project = state.project
            let folder = self.folder
            let id = shot.id
            renderQueue.async { [weak self] in
                // Cheap for a current shot: the latent is cached and the frame already holds it.
                guard let self, (try? ProjectRenderer(folder: folder, project: project, models: models).isCurrent(shot)) == true,
                      let bytes = try? FileReader.read(folder + "/frames/\(id).png"), let frame = try? PNGDecoder.decode(bytes).frame else { return }
                self.setKeyframe(id, frame)
                self.post(.renderFinished(id: id, cached: true))
            }
        }
    }

    /// On the way out: an edit kept for recovery goes to disk now, not in 300 ms; a cancelled export gets a moment
    /// to remove its half-written file.
    func finish() {
        recovery.flush()
        guard exportCancel != nil else { return }
        let finished = DispatchSemaphore(value: 0)
        exportQueue.async { finished.signal() }
        _ = finished.wait(timeout: .now() + 10)
    }

    /// Which screen layer a mode shows: the main view, help, the variants grid (or its A/B pair), the recovery question.
    static func layer(of mode: StudioMode) -> Int {
        switch mode {
        case .help: return 1
        case .variants(let grid): return grid.comparing ? 3 : 2
        case .recovery: return 4
        default: return 0
        }
    }

    /// Maps a key to an action for the current mode.
    func action(for key: Key) -> StudioAction? {
        // Raw mode turns Ctrl-C into a key: it saves and quits from every mode (the reducer drops an unfinished edit).
        if key == .ctrl("c") { return .quit }
        switch state.mode {
        case .editing, .command:
            // Shift-End is End in a one-line field; pasted text is typed text, whatever letters it holds.
            if case .paste(let text) = key { return .editInsert(text.map { $0.isNewline || $0 == "\t" ? " " : String($0) }.joined()) }
            switch key.unmodified {
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
        case .variants(let grid):
            if case .char(let c) = key, let n = c.wholeNumberValue, n >= 1 { return .pickVariant(n - 1) }
            switch key {
            case .left, .char("h"): return .moveSelection(-1)
            case .right, .char("l"): return .moveSelection(1)
            case .up, .char("k"): return .moveSelection(-grid.columns)
            case .down, .char("j"): return .moveSelection(grid.columns)
            case .enter: return .commit
            case .char("b"): return .compare
            case .escape, .char("v"): return .cancel
            case .char("q"): return .quit
            default: return nil
            }
        case .help:
            return key == .char("q") ? .quit : .cancel
        case .playing:
            if key == .space { return .togglePlay(now: Self.now()) }
            return key == .escape ? .cancel : key == .char("q") ? .quit : nil
        case .recovery:
            return key == .enter ? .commit : key == .escape ? .cancel : nil
        case .browse:
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
            case .compare: return .compare
            case .play: return .togglePlay(now: Self.now())
            case .loop: return .toggleLoop(now: Self.now())
            case .stepBack: return .stepDrawing(-1)
            case .stepForward: return .stepDrawing(1)
            case .cancel: return .cancel
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
                let renderer = ProjectRenderer(folder: folder, project: project, models: models)
                do {
                    let settings = project.renderSettings(for: shot)
                    let prepared = try models.model(for: settings, relativeTo: folder).prepare(prompt: shot.prompt, negative: settings.negative, guidance: settings.guidance, width: settings.width, height: settings.height)
                    let result = try renderer.render(shot, cancel: flag, drawClip: false) { event in
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
                    // The clip's drawings after every key drawing already asked for: the board first, then motion.
                    // A video model shows every frame's x0 (TAESD) as a contact sheet after each step.
                    self.renderQueue.async { [weak self] in
                        guard let self, !flag.isCancelled else { return }
                        defer { self.post(.clipFinished(id: id)) }
                        let prepared = try? models.model(for: settings, relativeTo: folder).prepare(
                            prompt: shot.prompt, negative: settings.negative, guidance: settings.guidance, width: settings.width,
                            height: settings.height)
                        let clip = try? ProjectRenderer(folder: folder, project: project, models: models).render(shot, cancel: flag) { event in
                            guard case .clipStep(_, let window, let windows, let step, let total, let denoised) = event else { return }
                            self.post(.clipProgress(id: id, window: window + 1, windows: windows, step: step + 1, of: total))
                            if let prepared, let sheet = Self.contactSheet(denoised, prepared: prepared, width: 512 * settings.width / max(settings.width, settings.height)) {
                                self.setKeyframe(id, sheet)
                            }
                        }.clip
                        guard let clip, !flag.isCancelled else {
                            if let frame = try? PNGDecoder.decode(FileReader.read(folder + "/" + result.png)).frame { self.setKeyframe(id, frame) }
                            return
                        }
                        if let frame = try? PNGDecoder.decode(FileReader.read(folder + "/" + result.png)).frame { self.setKeyframe(id, frame) }
                        self.lock.lock(); self.clips[id] = clip; self.picturesChanged = true; self.lock.unlock()
                    }
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
                guard let self, let prepared = try? models.model(for: settings, relativeTo: self.folder).prepare(prompt: shot.prompt, negative: settings.negative, guidance: settings.guidance, width: settings.width, height: settings.height) else { return }
                for seed in seeds {
                    var variant = shot
                    variant.seed = seed
                    guard let (latent, _) = try? ProjectRenderer.sample(prepared: prepared, shot: variant, settings: settings),
                          let frame = try? prepared.decode(latent: latent, width: 512, height: 512 * settings.height / settings.width) else { continue }
                    self.lock.lock(); self.variantFrames[seed] = frame; self.picturesChanged = true; self.frameGeneration += 1; self.lock.unlock()
                }
            }
        case .export(let words):
            runExport(words)
        case .cancelExport:
            exportCancel?.cancel()
        case .cancelRenders:
            for flag in cancels.values { flag.cancel() }
            cancels.removeAll()
        case .keepRecovery(let edit):
            recovery.keep(edit, now: Self.now())
            keptEdit = edit
        case .dropRecovery:
            recovery.drop()
            keptEdit = nil
        case .quit:
            break  // the reducer has set shouldQuit; the loop ends after this pass
        }
    }

    /// A window's frames (frame-major latents) as TAESD previews tiled four to a row, `width` pixels wide in all.
    static func contactSheet(_ latents: [Float], prepared: any PreparedPrompt, width: Int) -> Frame? {
        let per = prepared.latentCount
        guard per > 0, latents.count % per == 0 else { return nil }
        let frames = latents.count / per, columns = 4, rows = (frames + columns - 1) / columns
        let tileWidth = max(8, width / columns)
        var tiles: [Frame] = []
        for f in 0..<frames {
            guard let tile = try? prepared.decodePreview(latent: Array(latents[(f * per)..<((f + 1) * per)]), width: tileWidth,
                                                         height: tileWidth * 9 / 16) else { return nil }
            tiles.append(tile)
        }
        let tileHeight = tiles[0].height, tileW = tiles[0].width
        var sheet = Frame(width: tileW * columns, height: tileHeight * rows)
        for (n, tile) in tiles.enumerated() {
            let x0 = (n % columns) * tileW, y0 = (n / columns) * tileHeight
            for y in 0..<min(tile.height, tileHeight) {
                let from = y * tile.width * 4, to = ((y0 + y) * sheet.width + x0) * 4
                sheet.pixels.replaceSubrange(to..<(to + min(tile.width, tileW) * 4), with: tile.pixels[from..<(from + min(tile.width, tileW) * 4)])
            }
        }
        return sheet
    }

    /// Runs `:export` in this process, which already holds the project lock a separate `storyreel export` would be
    /// refused: the words are parsed as that command parses its options, then the same Exporter runs on a background
    /// queue, posting its stages to the status bar. Esc cancels it through the flag.
    func runExport(_ words: [String]) {
        let options: ExportOptions
        do {
            options = try ExportArguments.parse(words: words)
        } catch {
            post(.exportFailed("export: \(error.message)"))
            return
        }
        let flag = CancellationFlag()
        exportCancel = flag
        let folder = self.folder, project = state.project, models = self.models
        let outputs = options.outputs
        exportQueue.async { [weak self] in
            let started = Self.now()
            var lastPost = 0.0
            do {
                let written = try Exporter(folder: folder, project: project, models: models).run(options, cancel: flag) { event in
                    guard case .stage(let name, let done, let total) = event else { return }
                    // Often enough to move, not so often that the loop redraws for nothing.
                    let now = Self.now()
                    if now - lastPost > 0.1 || done == total {
                        lastPost = now
                        self?.post(.exportProgress(stage: name, done: done, of: total))
                    }
                }
                let seconds = String(format: "%.1f", Self.now() - started)
                let manifests = written.filter { $0.hasSuffix(".manifest.json") }.count
                self?.post(.exportFinished("exported \(outputs.joined(separator: ", ")) with \(manifests == 1 ? "its manifest" : "their manifests") in \(seconds) s"))
            } catch is CancellationError {
                self?.post(.exportFailed("export cancelled; the file being written was removed"))
            } catch let error as ExportError {
                self?.post(.exportFailed("export failed: \(error.message)"))
            } catch {
                self?.post(.exportFailed("export failed: \(error)"))
            }
        }
    }

    /// The frame behind a picture slot now, before any camera move.
    func frame(for slot: ImageSlot) -> Frame? {
        lock.lock(); defer { lock.unlock() }
        switch slot.content {
        case .keyframe(let id, _): return keyframes[id]
        case .variant(_, let seed): return variantFrames[seed]
        case .drawing(let id, let index, _):
            guard let clip = clips[id] else { return keyframes[id] }
            return drawing(clip, index: min(index, clip.drawings - 1)) ?? keyframes[id]
        }
    }

    /// A drawing of a clip, decoded once and kept while it is among the last few shown. Called with the lock held.
    private func drawing(_ clip: ClipInfo, index: Int) -> Frame? {
        let key = "\(clip.key.hex)/\(index)"
        if let hit = drawings.first(where: { $0.key == key }) { return hit.frame }
        guard let bytes = try? FileReader.read(folder + "/" + clip.drawingPath(index)),
              let frame = try? PNGDecoder.decode(bytes).frame else { return nil }
        drawings.append((key, frame))
        if drawings.count > Self.drawingsKept { drawings.removeFirst() }
        return frame
    }

    /// What a slot shows of its frame: the part a camera move shows while playing, else the whole frame.
    func source(_ frame: Frame, slot: ImageSlot) -> Frame {
        switch slot.content {
        case .keyframe(let id, let progress?), .drawing(let id, _, let progress?):
            guard let shot = state.project.shot(id: id) else { return frame }
            return Self.window(frame, move: shot.camera, progress: progress)
        default:
            return frame
        }
    }

    /// What goes in a picture slot now, in half-blocks.
    func picture(for slot: ImageSlot) -> CellImage? {
        lock.lock()
        let generation = frameGeneration
        lock.unlock()
        guard let frame = frame(for: slot) else { return nil }
        if generation != cellImagesGeneration {
            cellImages.removeAll()
            cellImagesGeneration = generation
        }
        let key = "\(slot.content) \(slot.columns)x\(slot.rows)"
        if let image = cellImages[key] { return image }
        let image = CellImage(frame: source(frame, slot: slot), columns: slot.columns, rows: slot.rows)
        // Playback frames are each seen once; stills are worth keeping.
        switch slot.content {
        case .keyframe(_, .some), .drawing: break
        default: cellImages[key] = image
        }
        return image
    }

    /// The part of a keyframe a camera move shows at `progress`: the animatic's own window, cropped.
    public static func window(_ frame: Frame, move: CameraMove, progress u: Double) -> Frame {
        let (cx, cy, size) = move.window(progress: u)
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
        lock.lock(); keyframes[id] = frame; picturesChanged = true; frameGeneration += 1; lock.unlock()
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
}
