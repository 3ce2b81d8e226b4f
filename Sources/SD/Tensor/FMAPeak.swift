import Foundation

/// The machine's fused multiply-add peak, for putting a benchmark's GFLOP/s in proportion: cores × clock ×
/// FLOPs per cycle per core (2 FMA pipes × lanes × 2 on x86, the width the tiling uses; 4 pipes × 4 lanes × 2
/// on AArch64 cores such as Apple's). The clock is /proc/cpuinfo's (a VM reports its nominal one, so a core that
/// boosts beats this "peak").
public struct FMAPeak: Sendable {
    public let model: String
    public let cores: Int
    public let gigahertz: Double
    public let flopsPerCycle: Int

    public var gflops: Double { Double(cores) * gigahertz * Double(flopsPerCycle) }

    /// "AMD EPYC, 2 cores × 2.25 GHz × 32 FLOP/cycle (AVX2+FMA) = 144 GFLOP/s".
    public var summary: String {
        String(format: "%@, %d cores × %.2f GHz × %d FLOP/cycle (%@) = %.0f GFLOP/s", model, cores, gigahertz, flopsPerCycle,
               Tiling.native.instructionSet, gflops)
    }

    public static var current: FMAPeak {
        let text = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        func field(_ name: String) -> String? {
            text.split(separator: "\n").first { $0.hasPrefix(name) }
                .flatMap { $0.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) }
        }
        let flopsPerCycle: Int
        switch Tiling.native {
        case .avx512: flopsPerCycle = 2 * 16 * 2
        case .avx2: flopsPerCycle = 2 * 8 * 2
        case .neon: flopsPerCycle = 4 * 4 * 2
        }
        return FMAPeak(model: field("model name") ?? "unknown CPU", cores: Parallel.cores,
                       gigahertz: (field("cpu MHz").flatMap(Double.init) ?? 0) / 1000, flopsPerCycle: flopsPerCycle)
    }
}
