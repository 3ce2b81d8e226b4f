/// Which network a LoRA module patches.
enum LoRAComponent: String, Sendable {
    case unet
    case textEncoder = "text encoder"
}
