import Foundation
import Digest

/// The data distribution a scene defines: a mixture of layout variants, each a Gaussian around a procedurally
/// drawn composition (means) with per-dimension spread for continuous variety (standard deviations).
///
/// Variants are drawn from the scene itself (never the user's seed): the scene fixes what compositions are
/// possible, the seed picks one of them through the sampler.
public struct LayoutMixture: Sendable {
    let schema: LatentSchema
    /// Component means, `components × schema.count`.
    let means: [[Double]]
    /// Component standard deviations, same shape.
    let deviations: [[Double]]

    static let componentCount = 16

    /// A mixture with given components (tests compare the denoiser with an independent computation).
    init(means: [[Double]], deviations: [[Double]]) {
        schema = LatentSchema(subjectCount: 0)
        self.means = means
        self.deviations = deviations
    }

    init(scene: ResolvedScene) {
        schema = LatentSchema(subjectCount: scene.subjects.count)
        var digest = SHA256()
        digest.update(scene.canonicalText)
        let bytes = digest.finalize()
        var seed: UInt64 = 0
        for b in bytes.prefix(8) { seed = seed << 8 | UInt64(b) }
        var rng = SplitMix64(seed: seed)
        var means: [[Double]] = []
        var deviations: [[Double]] = []
        for _ in 0..<LayoutMixture.componentCount {
            let (m, d) = LayoutMixture.variant(scene: scene, schema: schema, rng: &rng)
            means.append(m)
            deviations.append(d)
        }
        self.means = means
        self.deviations = deviations
    }

    /// One composition a storyboard artist might draw for the scene.
    private static func variant(scene: ResolvedScene, schema: LatentSchema, rng: inout SplitMix64) -> ([Double], [Double]) {
        var m = [Double](repeating: 0, count: schema.count)
        var d = [Double](repeating: 0.1, count: schema.count)
        func set(_ g: LatentSchema.Global, _ mean: Double, _ spread: Double) {
            m[schema.index(g)] = mean
            d[schema.index(g)] = spread
        }
        set(.horizon, rng.pick([-0.6, 0, 0.6]), 0.15)
        // A subject crossing the frame starts on the side it comes from, so it travels into the frame.
        let primarySide = scene.subjects.first?.placement.side.map(Double.init)
            ?? scene.subjects.first?.direction?.screenSide.map { -$0 }
        let composition = primarySide ?? rng.pick([-1.0, -1.0, 1.0, 1.0, 0.0])
        set(.composition, composition, 0.08)
        let sunX = rng.uniform(-0.85, 0.85)
        set(.sunX, sunX, 0.08)
        let elevation: Double
        switch scene.timeOfDay {
        case .dawn, .sunset: elevation = rng.uniform(-0.85, -0.55)
        case .goldenHour: elevation = rng.uniform(-0.6, -0.2)
        case .day: elevation = rng.uniform(0.2, 0.9)
        case .dusk: elevation = rng.uniform(-1, -0.8)
        case .night: elevation = rng.uniform(0, 0.8)
        }
        set(.sunElevation, elevation, 0.06)
        let light = scene.setting.isInterior ? rng.sign() : (sunX < 0 ? -1 : 1)
        set(.lightSide, light, 0.15)
        set(.backdrop0, rng.uniform(-1, 1), 0.12)
        set(.backdrop1, rng.uniform(-1, 1), 0.12)
        set(.backdrop2, rng.uniform(-1, 1), 0.12)
        set(.backdrop3, rng.uniform(-1, 1), 0.12)
        set(.lens, rng.uniform(-1, 1), 0.15)
        set(.sideChoice, rng.sign(), 0.2)

        var placedX: [Double] = []
        for (j, subject) in scene.subjects.enumerated() {
            func put(_ p: LatentSchema.PerSubject, _ mean: Double, _ spread: Double) {
                m[schema.index(p, subject: j)] = mean
                d[schema.index(p, subject: j)] = spread
            }
            // Separation is judged in the same screen units Framing uses: the primary's slot is a third line
            // (a sixth of the width from centre), the others' spread 0.4 of the width.
            var x: Double
            var screenX: Double
            if j == 0 {
                x = composition
            } else if let side = subject.placement.side {
                x = side == 0 ? rng.uniform(-0.2, 0.2) : Double(side) * rng.uniform(0.5, 1.0)
            } else if let travel = subject.direction?.screenSide {
                x = -travel * rng.uniform(0.5, 1.0)
            } else {
                // Spread the others across the frame, away from subjects already placed.
                x = rng.uniform(-1, 1)
                for _ in 0..<16 where placedX.contains(where: { abs($0 - x) < 0.45 }) { x = rng.uniform(-1, 1) }
            }
            screenX = j == 0 ? composition * (1.0 / 6.0) / 0.4 : x
            placedX.append(screenX)
            let depth: Double
            if let want = subject.placement.depth {
                depth = Double(want) * rng.uniform(0.6, 0.9)
            } else {
                depth = j == 0 ? 0 : rng.uniform(-0.4, 0.7)
            }
            // Lead room: a subject off centre faces into the frame; centred ones face either way or the camera.
            var facing: Double = x > 0.2 ? -1 : x < -0.2 ? 1 : rng.pick([-1, 1, 0])
            if j > 0 && rng.uniform(0, 1) < 0.3 { facing = -facing }
            if let travel = subject.direction?.screenSide {
                facing = travel
            } else if subject.action == .turning {
                // Turning to look: the key drawing shows it side on, before the turn.
                facing = rng.sign()
            } else if subject.direction != nil {
                // Travelling in depth: three-quarter on, one side or the other.
                facing = rng.sign()
            }
            put(.x, x, 0.06)
            put(.depth, depth, 0.08)
            put(.facing, facing, 0.12)
            put(.phase, rng.uniform(-1, 1), 0.12)
            put(.scale, rng.uniform(-1, 1), 0.2)
        }
        return (m, d)
    }

    /// The component whose mean is nearest to `latent` in the component's own metric (the winning layout).
    func nearestComponent(_ latent: [Float]) -> Int {
        var best = 0, bestScore = Double.infinity
        for k in means.indices {
            var score = 0.0
            for i in latent.indices {
                let z = (Double(latent[i]) - means[k][i]) / deviations[k][i]
                score += z * z
            }
            if score < bestScore {
                bestScore = score
                best = k
            }
        }
        return best
    }
}
