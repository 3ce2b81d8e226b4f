/// A LoRA to merge and how strongly: what `loras = [{ path = …, strength = … }]` names.
public struct LoRA: Sendable, Hashable {
    /// Absolute path of the `.safetensors` file.
    public var path: String
    public var strength: Double

    public init(path: String, strength: Double = 1) {
        self.path = path
        self.strength = strength
    }
}
