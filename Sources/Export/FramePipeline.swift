import Dispatch
import Foundation

/// Double-buffered frame writing: while one buffer is piped to the encoder on a background queue, the caller
/// draws into the other. Keeps both cores busy (one drawing, one in ffmpeg) without holding more than two frames.
final class FramePipeline: @unchecked Sendable {
    private let encoder: FFmpegEncoder
    private var buffers: [[UInt8]]
    /// The output frame each buffer holds (-1: none yet).
    private var held: [Int]
    private let free = [DispatchSemaphore(value: 1), DispatchSemaphore(value: 1)]
    private let queue = DispatchQueue(label: "storyreel.export.writer")
    private var next = 0
    private let lock = NSLock()
    private var failure: ExportError?

    init(encoder: FFmpegEncoder, frameBytes: Int) {
        self.encoder = encoder
        buffers = [[UInt8](repeating: 0, count: frameBytes), [UInt8](repeating: 0, count: frameBytes)]
        held = [-1, -1]
    }

    /// Queues output frame `index`: `draw` gets a free buffer and the frame it already holds (so an unchanged
    /// frame need not be redrawn), and fills it.
    func submit(frame index: Int, _ draw: (inout [UInt8], Int) -> Void) throws {
        let slot = next
        free[slot].wait()
        if let failure = currentFailure() {
            free[slot].signal()
            throw failure
        }
        draw(&buffers[slot], held[slot])
        held[slot] = index
        queue.async { [self] in
            if currentFailure() == nil {
                do {
                    try encoder.write(buffers[slot])
                } catch let error as ExportError {
                    lock.lock()
                    failure = error
                    lock.unlock()
                } catch {
                    lock.lock()
                    failure = ExportError("\(error)")
                    lock.unlock()
                }
            }
            free[slot].signal()
        }
        next = 1 - slot
    }

    /// Waits for queued writes; throws the first write failure.
    func drain() throws {
        queue.sync {}
        if let failure = currentFailure() { throw failure }
    }

    private func currentFailure() -> ExportError? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }
}
