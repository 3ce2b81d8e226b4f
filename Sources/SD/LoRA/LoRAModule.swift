/// One low-rank update in a LoRA file: ΔW = alpha/rank · up · down for the layer it names.
struct LoRAModule: Sendable {
    let component: LoRAComponent
    /// The patched layer's path with every "." written "_", the spelling kohya keys use (diffusers naming).
    let flatPath: String
    let downKey: String
    let upKey: String
    let alphaKey: String?
}
