/// Configs that replace what a single-file checkpoint's shapes imply (read from a diffusers config folder).
public struct ConfigOverrides: Sendable {
    public var unet: UNetConfig?
    public var text: CLIPTextConfig?
    public var vae: VAEConfig?

    public init(unet: UNetConfig? = nil, text: CLIPTextConfig? = nil, vae: VAEConfig? = nil) {
        self.unet = unet
        self.text = text
        self.vae = vae
    }
}
