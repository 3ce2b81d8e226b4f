/// Where a jump is at a phase of its cycle: how deep the crouch is and how high the feet are off the ground.
///
/// The cycle, as animators time a standing jump: anticipation (0–0.22, crouching), push-off (0.22–0.3, the legs
/// extend), flight (0.3–0.7, a parabola), landing (0.7–0.8, the legs absorb) and settle (0.8–1, standing again).
struct JumpTiming: Equatable {
    /// 0 standing straight … 1 the deepest crouch.
    var crouch: Double
    /// Height of the feet above the ground in metres.
    var lift: Double

    init(phase u: Double, height: Double) {
        func ease(_ s: Double) -> Double {
            let c = max(0, min(1, s))
            return c * c * (3 - 2 * c)
        }
        switch u {
        case ..<0.22:
            crouch = ease(u / 0.22)
            lift = 0
        case ..<0.3:
            crouch = 1 - ease((u - 0.22) / 0.08)
            lift = 0
        case ..<0.7:
            let s = (u - 0.3) / 0.4
            crouch = 0
            lift = 4 * height * s * (1 - s)
        case ..<0.8:
            crouch = 0.8 * ease((u - 0.7) / 0.1)
            lift = 0
        default:
            crouch = 0.8 * (1 - ease((u - 0.8) / 0.2))
            lift = 0
        }
    }
}
