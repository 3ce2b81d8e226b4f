import Foundation

/// The register tile of the micro-kernel, chosen per instruction set: `rows` of A broadcast against a panel of B
/// `width` floats wide, with accumulators that fill the vector registers without spilling (BLIS's rule: rows ·
/// width / lanes accumulators plus the panel's vectors plus one broadcast ≤ the register count). Every tiling runs
/// on every CPU (a tile too big for the registers only spills), so the tests check them all on any machine.
enum Tiling: String, CaseIterable, Sendable {
    /// AVX2 + FMA, 16 ymm registers: 6×16 is 12 accumulators, 2 panel vectors and a broadcast.
    case avx2
    /// AVX-512, 32 zmm registers: 8×48 is 24 accumulators, 3 panel vectors and a broadcast.
    case avx512
    /// NEON (AArch64), 32 q registers: 8×12 is 24 accumulators, 3 panel vectors and a broadcast.
    case neon

    /// Rows of A per tile.
    var rows: Int {
        switch self {
        case .avx2: 6
        case .avx512, .neon: 8
        }
    }

    /// Columns of a full panel.
    var width: Int {
        switch self {
        case .avx2: 16
        case .avx512: 48
        case .neon: 12
        }
    }

    /// Columns of a tail panel: the last columns of a product are covered by these so that at most
    /// `tailWidth - 1` padding columns are computed.
    var tailWidth: Int {
        switch self {
        case .avx2: 8
        case .avx512: 16
        case .neon: 4
        }
    }

    /// "6×16 (AVX2+FMA)" and so on, for the benchmark's header.
    var summary: String {
        switch self {
        case .avx2: "6×16 tiles (AVX2+FMA)"
        case .avx512: "8×48 tiles (AVX-512)"
        case .neon: "8×12 tiles (NEON)"
        }
    }

    /// The instruction set the tile is sized for.
    var instructionSet: String {
        switch self {
        case .avx2: "AVX2+FMA"
        case .avx512: "AVX-512"
        case .neon: "NEON"
        }
    }

    /// The tiling for the CPU this process runs on; `STORYREEL_SD_TILING=avx2|avx512|neon` overrides it (to
    /// compare tiles on one machine).
    static let native: Tiling = {
        if let name = ProcessInfo.processInfo.environment["STORYREEL_SD_TILING"], let tiling = Tiling(rawValue: name) {
            return tiling
        }
        #if arch(arm64)
        return .neon
        #else
        return System.cpuFlags.contains("avx512f") ? .avx512 : .avx2
        #endif
    }()
}
