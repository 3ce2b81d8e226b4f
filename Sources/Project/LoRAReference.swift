/// One entry of `loras = [{ path = "style.safetensors", strength = 0.8 }]`: a LoRA file (relative to the
/// project folder unless absolute) and how strongly it is merged.
public struct LoRAReference: Sendable, Equatable, Hashable {
    public var path: String
    public var strength: Double

    public static let strengthRange: ClosedRange<Double> = -4...4

    public init(path: String, strength: Double = 1) {
        self.path = path
        self.strength = strength
    }
}
