import Dispatch

/// Timing for the benchmarks: one warm-up, then the median of `runs` timed calls, in seconds.
enum Stopwatch {
    static func median(_ runs: Int, _ body: () -> Void) -> Double {
        body()
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let t = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9)
        }
        return times.sorted()[times.count / 2]
    }
}
