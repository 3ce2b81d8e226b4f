import Foundation
import Testing
import TestSupport
@testable import Render

/// Several threads storing, reading and evicting in one cache folder at once: a read gives the right latent or a
/// miss, never another key's or a torn one, and every entry left verifies.
@Suite struct LatentCacheConcurrencyTests {
    /// A latent that can only belong to key `k`.
    static func latent(_ k: Int) -> [Float] { (0..<(500 + k * 37)).map { Float(k) + Float($0) / 1000 } }
    static func key(_ k: Int) -> RenderKey { RenderKey(bytes: (0..<32).map { UInt8(truncatingIfNeeded: $0 * 7 + k * 13) }) }

    @Test func threadsSharingOneCacheNeverSeeAWrongOrTornEntry() throws {
        let folder = TestFolder()
        // Room for about half the keys, so eviction runs while others write and read.
        let keys = 16
        let caches = (0..<4).map { _ in LatentCache(projectFolder: folder.path, limitBytes: 18_000) }
        let wrong = Counter(0), hits = Counter(0), misses = Counter(0)
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            var state = UInt64(worker + 1)
            for _ in 0..<150 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let k = Int(state >> 33) % keys
                if (state >> 20) & 1 == 0 {
                    try? caches[worker].store(Self.latent(k), for: Self.key(k))
                } else if let got = caches[worker].latent(for: Self.key(k)) {
                    if got == Self.latent(k) { hits.add(1) } else { wrong.add(1) }
                } else {
                    misses.add(1)
                }
            }
        }
        #expect(wrong.value == 0)
        var entries = 0
        let latents = folder.path + "/.storyreel/cache/latents"
        for shard in (try? FileManager.default.contentsOfDirectory(atPath: latents)) ?? [] {
            for name in try FileManager.default.contentsOfDirectory(atPath: latents + "/" + shard) {
                #expect(name.hasSuffix(".latent"), "left behind: \(name)")
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: latents + "/" + shard + "/" + name)))
                let key = RenderKey(bytes: Array(bytes[8..<40]))
                #expect(LatentCache.decode(bytes, key: key) != nil, "\(name) does not verify")
                entries += 1
            }
        }
        print("latent cache: 4 threads, 600 operations, \(hits.value) hits, \(misses.value) misses, \(entries) entries left, all verified")
    }
}

/// A counter several threads add to.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count: Int
    init(_ value: Int) { count = value }
    func add(_ n: Int) {
        lock.lock()
        count += n
        lock.unlock()
    }
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
