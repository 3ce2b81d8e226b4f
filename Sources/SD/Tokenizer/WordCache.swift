import Foundation

/// The ids of words already encoded, shared by every copy of a tokenizer and safe to use from any thread.
///
/// Prompts repeat the same few hundred words, and merging is the costly step; a lock keeps `encode` a
/// non-mutating call on a Sendable value.
final class WordCache: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String: [Int]] = [:]
    /// Past this many words the cache starts over, so odd input (long random strings) cannot grow it forever.
    private let capacity: Int

    init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    /// The ids cached for `word`, or those `compute` returns, which are then cached.
    func ids(for word: String, compute: () -> [Int]) -> [Int] {
        if let known = lock.withLock({ ids[word] }) { return known }
        let result = compute()
        lock.withLock {
            if ids.count >= capacity { ids.removeAll(keepingCapacity: true) }
            ids[word] = result
        }
        return result
    }
}
