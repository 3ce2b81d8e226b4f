import Foundation
import TestSupport

/// Paths of the parity fixtures that `scripts/sd_fixtures.py` wrote (small random-weight models and the
/// reference outputs diffusers and transformers computed from them).
enum Fixture {
    static let root = repositoryRoot + "/Tests/SDTests/Fixtures"

    static func path(_ relative: String) -> String { root + "/" + relative }
}
