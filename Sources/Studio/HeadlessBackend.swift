import Foundation

/// A backend without a terminal, as ratatui's `TestBackend`: keys come from a script, each drawn screen is kept as
/// a cell grid with the pictures placed on it. Tests and `storyreel bench studio` run the real loop on it.
public final class HeadlessBackend: StudioBackend, @unchecked Sendable {
    public private(set) var columns: Int
    public private(set) var rows: Int
    /// The last screen drawn, and the pictures placed on it.
    public private(set) var screen: CellGrid
    public private(set) var pictures: [Picture] = []
    public private(set) var draws = 0
    public private(set) var clears = 0
    public private(set) var suspensions = 0
    /// Called with each draw (benchmarks encode the pictures here, as a terminal backend would).
    public var onDraw: ((CellGrid, [Picture]) -> Void)?
    /// How long `input` waits when no key is scripted, so a loop waiting for background work does not spin.
    public var idleWait: Double
    private let lock = NSLock()
    private var script: [BackendInput] = []

    public init(columns: Int = 80, rows: Int = 24, idleWait: Double = 0.001) {
        self.columns = columns
        self.rows = rows
        self.idleWait = idleWait
        screen = CellGrid(columns: columns, rows: rows)
    }

    public var size: (columns: Int, rows: Int) { (columns, rows) }

    /// Keys for the loop to read, one a pass, after any already waiting.
    public func type(_ keys: [Key]) {
        lock.lock(); script += keys.map(BackendInput.key); lock.unlock()
    }

    /// Text typed a character at a time (spaces as the Space key, as a terminal sends them).
    public func type(_ text: String) {
        type(text.map { $0 == " " ? Key.space : Key.char($0) })
    }

    /// The terminal goes away: every read after the scripted keys says so.
    public func hangUp() {
        lock.lock(); script.append(.lost); lock.unlock()
    }

    /// A new size, reported as the resize key after the keys already waiting.
    public func resize(columns: Int, rows: Int) {
        lock.lock()
        self.columns = columns
        self.rows = rows
        script.append(.key(.resize))
        lock.unlock()
    }

    /// Whether every scripted key has been read.
    public var isIdle: Bool { lock.lock(); defer { lock.unlock() }; return script.isEmpty }

    public func clear() {
        clears += 1
        screen = CellGrid(columns: columns, rows: rows)
        pictures = []
    }

    public func draw(_ grid: CellGrid, pictures: [Picture]) {
        draws += 1
        screen = grid
        self.pictures = pictures
        onDraw?(grid, pictures)
    }

    public func input() -> BackendInput {
        lock.lock()
        if !script.isEmpty {
            let next = script.first!
            // A hung-up terminal stays hung up.
            if next != .lost { script.removeFirst() }
            lock.unlock()
            return next
        }
        lock.unlock()
        if idleWait > 0 { Thread.sleep(forTimeInterval: idleWait) }
        return .none
    }

    public func suspend() { suspensions += 1 }
}

/// A clock tests move by hand.
public final class ManualClock: StudioClock, @unchecked Sendable {
    private let lock = NSLock()
    private var time: Double

    public init(_ start: Double = 1000) { time = start }

    public func now() -> Double { lock.lock(); defer { lock.unlock() }; return time }

    public func advance(_ seconds: Double) { lock.lock(); time += seconds; lock.unlock() }
}

extension StudioRuntime {
    /// Runs passes until `condition` holds (true) or `seconds` of real time pass (false); the loop may also end.
    @discardableResult
    public func run(seconds: Double = 10, until condition: (StudioRuntime) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(self) { return true }
            if !step() { return condition(self) }
        }
        return condition(self)
    }
}
