import Synchronization

/// Floating-point operations issued by the model's matrix products (2·m·n·k each, ours and OpenBLAS's), for the
/// benchmark's GFLOP/s figures. Products run on several threads at once (attention heads, Winograd positions).
public enum ProductCounter {
    static let total = Mutex<Double>(0)

    public static var operations: Double { total.withLock { $0 } }

    static func add(m: Int, n: Int, k: Int) {
        let operations = 2 * Double(m) * Double(n) * Double(k)
        total.withLock { $0 += operations }
    }
}
