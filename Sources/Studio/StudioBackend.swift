import Dispatch
import Imaging

/// What one read of the keyboard gave: a key, nothing within the backend's short wait, or a terminal that is gone.
public enum BackendInput: Sendable, Equatable {
    case key(Key)
    case none
    /// The terminal hung up or stdin closed: reads fail at once, forever.
    case lost
}

/// The screen and keyboard the studio runs on: ncurses in a terminal, or `HeadlessBackend` in tests and benchmarks.
/// The runtime draws whole cell grids; a backend sends only what changed.
public protocol StudioBackend: AnyObject {
    /// The screen's size in cells now.
    var size: (columns: Int, rows: Int) { get }
    /// Forget what the screen shows (a resize, a new overlay, back from suspend): the next draw sends everything,
    /// pictures included.
    func clear()
    /// Shows `grid`, then each picture in its slot.
    func draw(_ grid: CellGrid, pictures: [Picture])
    /// The next key, waiting a short while at most.
    func input() -> BackendInput
    /// Hands the terminal back to the shell until the process is continued (Ctrl-Z, then `fg`).
    func suspend()
}

/// What a picture slot shows now: a frame (nil: nothing yet) and, while playing, the part a camera move shows.
public struct Picture: Sendable {
    public var slot: ImageSlot
    public var frame: Frame?
    public var window: CameraWindow?
    /// Bumped whenever any frame arrives, so backends may keep what they made from a picture until it changes.
    public var generation: Int

    public init(slot: ImageSlot, frame: Frame?, window: CameraWindow? = nil, generation: Int = 0) {
        self.slot = slot
        self.frame = frame
        self.window = window
        self.generation = generation
    }

    /// What is drawn: the frame, cropped to the camera window while playing.
    public var shown: Frame? { frame.map { window?.crop($0) ?? $0 } }

    /// Whether the picture changes from one draw to the next on its own (playback): not worth keeping.
    public var isMoving: Bool {
        switch slot.content {
        case .keyframe(_, .some), .drawing: return true
        default: return false
        }
    }
}

/// The part of a frame a camera move shows: centre and size as fractions of the frame.
public struct CameraWindow: Sendable, Equatable {
    public var centreX: Double
    public var centreY: Double
    public var size: Double

    public init(centreX: Double, centreY: Double, size: Double) {
        self.centreX = centreX
        self.centreY = centreY
        self.size = size
    }

    /// The window's pixels of `frame`, kept inside it.
    public func crop(_ frame: Frame) -> Frame {
        let w = max(1, Int(Double(frame.width) * size)), h = max(1, Int(Double(frame.height) * size))
        let x0 = max(0, min(frame.width - w, Int((centreX - size / 2) * Double(frame.width))))
        let y0 = max(0, min(frame.height - h, Int((centreY - size / 2) * Double(frame.height))))
        var pixels = [UInt8](repeating: 0, count: w * h * 4)
        for y in 0..<h {
            let src = ((y0 + y) * frame.width + x0) * 4
            pixels.replaceSubrange((y * w * 4)..<((y + 1) * w * 4), with: frame.pixels[src..<(src + w * 4)])
        }
        return Frame(width: w, height: h, pixels: pixels)
    }
}

/// Monotonic seconds. The live clock is the system's; tests move a `ManualClock` by hand.
public protocol StudioClock: Sendable {
    func now() -> Double
}

public struct SystemClock: StudioClock {
    public init() {}
    public func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
