/// Where each layout parameter sits in the sketch latent. Every dimension lives roughly in -1...1.
///
/// The latent is a small vector of composition parameters rather than pixels: the exact mixture denoiser stays
/// cheap (components × dimensions per call), and every intermediate x0 still decodes to a drawable layout.
struct LatentSchema: Sendable, Equatable {
    /// Global dimensions.
    enum Global: Int, CaseIterable {
        case horizon = 0, composition, sunX, sunElevation, lightSide, backdrop0, backdrop1, backdrop2, backdrop3, lens, sideChoice
    }

    /// Per-subject dimensions, repeated for each subject.
    enum PerSubject: Int, CaseIterable {
        case x = 0, depth, facing, phase, scale
    }

    let subjectCount: Int

    var count: Int { Global.allCases.count + PerSubject.allCases.count * subjectCount }

    func index(_ g: Global) -> Int { g.rawValue }

    func index(_ p: PerSubject, subject: Int) -> Int {
        Global.allCases.count + subject * PerSubject.allCases.count + p.rawValue
    }
}
