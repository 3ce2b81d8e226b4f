/// The last `capacity` bytes written to it, however many were written: a child's stderr kept without letting a
/// flooding child grow our memory.
struct ByteRing {
    let capacity: Int
    private var storage: [UInt8] = []
    /// Where the oldest byte is once the ring is full.
    private var start = 0
    /// Bytes written and since overwritten.
    private(set) var dropped = 0

    init(capacity: Int) {
        self.capacity = capacity
        storage.reserveCapacity(capacity)
    }

    /// Keeps the end of `bytes`, overwriting the oldest kept bytes; copies in blocks (a flood is 100s of MB).
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        var source = UnsafeRawBufferPointer(rebasing: bytes.suffix(capacity))
        dropped += bytes.count - source.count
        if storage.count < capacity {
            let n = min(capacity - storage.count, source.count)
            storage.append(contentsOf: source.prefix(n))
            source = UnsafeRawBufferPointer(rebasing: source.dropFirst(n))
        }
        while !source.isEmpty {
            let n = min(capacity - start, source.count)
            storage.withUnsafeMutableBytes { ($0.baseAddress! + start).copyMemory(from: source.baseAddress!, byteCount: n) }
            dropped += n
            start = (start + n) % capacity
            source = UnsafeRawBufferPointer(rebasing: source.dropFirst(n))
        }
    }

    /// The kept bytes, oldest first.
    var bytes: [UInt8] { Array(storage[start...] + storage[..<start]) }
}
