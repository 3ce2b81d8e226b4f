/// `prediction = "epsilon" | "v"`: what the checkpoint's UNet predicts, when its config or keys say otherwise.
public enum PredictionSetting: String, CaseIterable, Sendable {
    case epsilon
    case v
}
