import Foundation
import Imaging
import Project

/// The studio's run loop over a backend, services and a clock: keys become actions through the keymap, the
/// reducer changes the state, effects go to the services (saves at once, renders and exports in the background),
/// their results come back as actions, and the view is drawn into a cell grid for the backend. It never waits on a
/// render, and idle costs nothing: it draws only when something changed. The same loop runs in the terminal and,
/// with `HeadlessBackend`, in tests.
public final class StudioRuntime: @unchecked Sendable {
    public private(set) var state: StudioState
    public let keymap: Keymap
    let backend: any StudioBackend
    let services: any StudioServices
    let clock: any StudioClock
    let random: () -> UInt32
    /// The unfinished edit kept for recovery when the studio ended (a signal, a lost terminal), for the goodbye line.
    public private(set) var keptEdit: RecoveredEdit?

    /// Actions from other threads (render results, exports, signals), taken on the next pass.
    private let lock = NSLock()
    private var inbox: [StudioAction] = []
    private var pictures = PictureStore()

    // What the screen shows, to know when everything must be sent again.
    private var lastSize = (0, 0)
    private var lastLayer = 0
    private var lastLayout: [[Int]] = []
    private var repaint = true
    private var dirty = true
    private var lastFocus: [String] = []

    public init(state: StudioState, backend: any StudioBackend, services: any StudioServices, clock: any StudioClock = SystemClock(),
                keymap: Keymap = .standard, random: @escaping () -> UInt32 = { UInt32.random(in: 0...UInt32.max) }) {
        self.state = state
        self.backend = backend
        self.services = services
        self.clock = clock
        self.keymap = keymap
        self.random = random
    }

    /// Runs until the user quits, a signal posts `.terminate` or `.quit`, or the terminal goes.
    public func run() {
        start()
        while step() {}
        finish()
    }

    /// Before the first pass: render results start flowing, a recovered edit is offered before anything else, and
    /// every shot is asked for (the render service sorts out what is cached).
    public func start() {
        services.render.start { [weak self] update in self?.receive(update) }
        if let edit = services.recovery.read() { apply(.offerRecovery(edit)) }
        updateFocus()
        for shot in state.project.shots { perform(.render(id: shot.id)) }
    }

    /// One pass of the loop: results in, clocks ticked, the screen drawn if anything changed, one key handled.
    /// False once the studio should end.
    @discardableResult
    public func step() -> Bool {
        let arrived = takeInbox()
        for action in arrived { apply(action) }
        if state.shouldQuit { return false }
        let now = clock.now()
        if case .playing = state.mode {
            apply(.tick(now: now))
            dirty = true
        } else if state.loopingSince != nil, case .browse = state.mode {
            apply(.tick(now: now))
            dirty = true
        }
        services.recovery.tick(now: now)
        services.render.watch(state.project, stale: state.project.shots.map(\.id).filter { (state.status[$0] ?? .stale) == .stale }, now: now)
        if let failure = services.recovery.takeFailure() { state.message = failure; dirty = true }
        updateFocus()
        if dirty || repaint || !arrived.isEmpty || pictures.takeChanged(lock) { draw() }
        switch backend.input() {
        case .none: break
        case .lost: apply(.terminate)
        case .key(.resize):
            // The terminal may have reflowed or cleared what it showed: send everything again, pictures included.
            repaint = true
        case .key(let key):
            dirty = true
            for action in keymap.actions(for: key, in: state, now: clock.now(), random: random, screen: backend.size) { apply(action) }
        }
        return !state.shouldQuit
    }

    /// On the way out: an edit kept for recovery goes to disk now, a cancelled export may remove its file.
    public func finish() {
        services.recovery.flush()
        services.finish()
    }

    /// Hands an action to the loop from any thread (signals, background work).
    public func post(_ action: StudioAction) {
        lock.lock(); inbox.append(action); lock.unlock()
    }

    /// Reduces an action on the loop's thread and performs what it asks for.
    func apply(_ action: StudioAction) {
        for effect in state.reduce(action) { perform(effect) }
    }

    func perform(_ effect: StudioEffect) {
        switch effect {
        case .save:
            if let problem = services.save(state.project) {
                state.message = "could not save: \(problem)"
            } else {
                state.saved = true
            }
        case .render(let id):
            guard let shot = state.project.shot(id: id) else { return }
            state.status[id] = .stale
            lock.lock(); pictures.clips[id] = nil; lock.unlock()
            services.render.render(shot, in: state.project)
        case .renderVariants(let id, let seeds):
            guard let shot = state.project.shot(id: id) else { return }
            lock.lock(); pictures.variants.removeAll(); lock.unlock()
            services.render.renderVariants(shot, seeds: seeds, in: state.project)
        case .cancelVariants:
            services.render.cancelVariants()
        case .cancelRenders:
            services.render.cancelRenders()
        case .export(let words):
            services.export(words, project: state.project) { [weak self] action in self?.post(action) }
        case .cancelExport:
            services.cancelExport()
        case .keepRecovery(let edit):
            services.recovery.keep(edit, now: clock.now())
            keptEdit = edit
        case .dropRecovery:
            services.recovery.drop()
            keptEdit = nil
        case .suspend:
            // Back after `fg`, where the screen holds the shell's output: everything is sent again.
            backend.suspend()
            repaint = true
        case .quit:
            break  // the reducer has set shouldQuit; the loop ends after this pass
        }
    }

    /// Tells the render service what matters now: the selected shot, then the visible ones, then the rest.
    func updateFocus() {
        let shots = state.project.shots
        guard !shots.isEmpty else { return }
        let visible = StudioView.visibleShots(state, rows: backend.size.rows)
        var order: [String] = []
        if let shot = state.selectedShot { order.append(shot.id) }
        for i in visible where i != state.selected { order.append(shots[i].id) }
        for (i, shot) in shots.enumerated() where i != state.selected && !visible.contains(i) { order.append(shot.id) }
        guard order != lastFocus else { return }
        lastFocus = order
        services.render.focus(order)
    }

    /// Lays out the screen and hands it to the backend; a new size, overlay or picture layout repaints everything
    /// (a terminal backend cannot know what pictures covered).
    func draw() {
        let (columns, rows) = backend.size
        let (grid, slots) = StudioView.render(state, columns: columns, rows: rows, keymap: keymap)
        let layer = Self.layer(of: state.mode)
        let layout = slots.map { [$0.row, $0.column, $0.columns, $0.rows] }
        if repaint || (columns, rows) != lastSize || layer != lastLayer || layout != lastLayout {
            backend.clear()
            lastSize = (columns, rows)
            lastLayer = layer
            lastLayout = layout
            repaint = false
        }
        backend.draw(grid, pictures: slots.map(picture(for:)))
        dirty = false
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

    /// The frame behind a slot now, and the camera window while playing.
    func picture(for slot: ImageSlot) -> Picture {
        var window: CameraWindow?
        switch slot.content {
        case .keyframe(let id, let progress?), .drawing(let id, _, let progress?):
            if let shot = state.project.shot(id: id) { window = services.cameraWindow(shot.camera, progress: progress) }
        default: break
        }
        lock.lock()
        let generation = pictures.generation
        var frame: Frame?
        var clipDrawings: Int?
        switch slot.content {
        case .keyframe(let id, _): frame = pictures.keyframes[id]
        case .variant(_, let seed): frame = pictures.variants[seed]
        case .drawing(let id, let index, _):
            frame = pictures.keyframes[id]
            clipDrawings = pictures.clips[id]
            if let count = clipDrawings, let hit = pictures.drawing(id, min(index, count - 1)) { frame = hit; clipDrawings = nil }
        }
        lock.unlock()
        // A clip drawing not decoded lately is read now, outside the lock (render results keep arriving).
        if case .drawing(let id, let index, _) = slot.content, let count = clipDrawings {
            let i = min(index, count - 1)
            if let drawing = services.render.drawing(i, of: id) {
                lock.lock(); pictures.keep(drawing, id, i); lock.unlock()
                frame = drawing
            }
        }
        return Picture(slot: slot, frame: frame, window: window, generation: generation)
    }

    /// Takes a render result in (on the render service's thread): pictures are kept, the rest becomes actions.
    func receive(_ update: RenderUpdate) {
        lock.lock()
        switch update {
        case .progress(let id, let step, let total): inbox.append(.renderProgress(id: id, step: step, of: total))
        case .preview(let id, let frame): pictures.setKeyframe(id, frame)
        case .clipProgress(let id, let window, let windows, let step, let total):
            inbox.append(.clipProgress(id: id, window: window, windows: windows, step: step, of: total))
        case .keyDrawing(let id, let frame, let cached):
            pictures.setKeyframe(id, frame)
            inbox.append(.renderFinished(id: id, cached: cached))
        case .clip(let id, let drawings):
            pictures.clips[id] = drawings
            pictures.forgetDrawings(of: id)
            pictures.changed = true
            inbox.append(.clipFinished(id: id))
        case .failed(let id, let message): inbox.append(.renderFailed(id: id, message: message))
        case .variantProgress(let seed, let step, let total): inbox.append(.variantProgress(seed: seed, step: step, of: total))
        case .variant(_, let seed, let frame):
            pictures.variants[seed] = frame
            pictures.generation += 1
            pictures.changed = true
            inbox.append(.variantFinished(seed: seed))
        case .variantFailed(let seed, let message): inbox.append(.variantFailed(seed: seed, message: message))
        case .activity(let activity): inbox.append(.renderActivity(activity))
        }
        lock.unlock()
    }

    func takeInbox() -> [StudioAction] {
        lock.lock(); defer { lock.unlock() }
        let list = inbox
        inbox.removeAll()
        return list
    }
}

/// The pictures the studio has: keyframes (or their step previews), variants, each clip's drawing count, and the
/// clip drawings decoded lately (a clip is read a drawing at a time as it plays, never all at once).
struct PictureStore {
    var keyframes: [String: Frame] = [:]
    var variants: [UInt32: Frame] = [:]
    var clips: [String: Int] = [:]
    private var drawings: [(id: String, index: Int, frame: Frame)] = []
    static let drawingsKept = 48
    /// Bumped whenever a frame arrives.
    var generation = 0
    /// Whether a picture arrived since the last draw.
    var changed = false

    mutating func setKeyframe(_ id: String, _ frame: Frame) {
        keyframes[id] = frame
        generation += 1
        changed = true
    }

    func drawing(_ id: String, _ index: Int) -> Frame? {
        drawings.first { $0.id == id && $0.index == index }?.frame
    }

    mutating func keep(_ frame: Frame, _ id: String, _ index: Int) {
        drawings.append((id, index, frame))
        if drawings.count > Self.drawingsKept { drawings.removeFirst() }
    }

    mutating func forgetDrawings(of id: String) { drawings.removeAll { $0.id == id } }

    /// Whether a picture arrived since the last call. Takes the lock itself.
    mutating func takeChanged(_ lock: NSLock) -> Bool {
        lock.lock(); defer { lock.unlock() }
        let was = changed
        changed = false
        return was
    }
}
