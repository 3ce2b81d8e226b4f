import Foundation
#if canImport(Glibc)
import CStoryreelMalloc
import Glibc
#endif
import Dispatch

/// Splits independent loop iterations across the machine's cores (GEMMs thread inside OpenBLAS instead).
enum Parallel {
    static let cores = max(1, System.coreCount)

    /// Workers for an m×n×k product divisible into `units` pieces: one below 2 MFLOP, where handing work to a
    /// second thread costs about as much as the product.
    static func workers(forProductOf m: Int, _ n: Int, _ k: Int, units: Int) -> Int {
        2 * Double(m) * Double(n) * Double(k) > 2e6 ? max(1, min(cores, units)) : 1
    }

    /// Runs `body(i)` for i in 0..<count, in chunks across cores; serial when the work is small.
    static func forEach(_ count: Int, minimumPerThread: Int = 1, _ body: (Int) -> Void) {
        let workers = min(cores, max(1, count / max(1, minimumPerThread)))
        if workers <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let box = UnsafeSendableBox(body)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let start = count * worker / workers, end = count * (worker + 1) / workers
                for i in start..<end { box.value(i) }
            }
        }
    }
}

/// Carries a non-Sendable closure into `concurrentPerform`; each iteration touches disjoint memory.
struct UnsafeSendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// What the machine offers.
public enum System {
    /// Keeps large tensor buffers in the heap once freed. glibc otherwise maps every allocation over 32 MB afresh
    /// and unmaps it on free, so each layer's output paid for the kernel zeroing new pages (a sixth of a TAESD
    /// decode). Called once when a model or benchmark starts; the memory stays reusable by the next layer.
    public static func keepLargeAllocations() {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, 1 << 30)
        _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
        #endif
    }

    /// The CPU's feature flags as Linux lists them ("avx512f", …); empty where unknown.
    static let cpuFlags: Set<Substring> = {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " "))
    }()

    static var coreCount: Int {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 1
        #endif
    }
}
