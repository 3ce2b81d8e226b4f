/// `motion_from = "key" | "noise"`: what a video-model clip is animated from. `key` (the default) noises the shot's
/// cached key drawing to `motion_strength` and denoises it with the motion module, so the clip keeps the
/// composition already approved at a fraction of the cost; `noise` samples every frame from fresh noise.
public enum MotionSource: String, CaseIterable, Sendable {
    case key
    case noise
}
