/// The shape of an `AutoencoderKL`, from `vae/config.json`.
public struct VAEConfig: Sendable {
    public var blockOutChannels: [Int]
    public var layersPerBlock: Int
    public var latentChannels: Int = 4
    public var imageChannels: Int = 3
    public var groups: Int = 32
    public var scalingFactor: Float = 0.18215
    public var usesQuantConv = true

    /// Pixels per latent cell along each axis.
    public var downscale: Int { 1 << (blockOutChannels.count - 1) }

    public init(blockOutChannels: [Int], layersPerBlock: Int) {
        self.blockOutChannels = blockOutChannels
        self.layersPerBlock = layersPerBlock
    }

    public init(_ config: ConfigFile) throws {
        self.init(blockOutChannels: try config.ints("block_out_channels"), layersPerBlock: try config.int("layers_per_block", default: 2))
        latentChannels = try config.int("latent_channels", default: 4)
        imageChannels = try config.int("out_channels", default: 3)
        groups = try config.int("norm_num_groups", default: 32)
        scalingFactor = Float(try config.double("scaling_factor", default: 0.18215))
        usesQuantConv = try config.bool("use_quant_conv", default: true)
        if config.has("shift_factor") {
            throw SDError("\(config.path): shift_factor is set (an SD3/Flux VAE); expected an SD 1.x/2.x AutoencoderKL")
        }
        for c in blockOutChannels where c % groups != 0 {
            throw SDError("\(config.path): \(c) channels do not split into \(groups) groups")
        }
    }

    /// Throws unless every block's channels split into the normalisation groups (a config inferred from shapes
    /// assumes LDM's 32 groups, which shapes cannot confirm).
    func checkGroups(_ source: String) throws {
        for c in blockOutChannels where c % groups != 0 {
            throw SDError("\(source): the VAE has \(c)-channel blocks, which do not split into \(groups) normalisation groups; expected an SD 1.x/2.x VAE (or its diffusers folder, whose config.json says the groups)")
        }
    }

    /// The VAE every SD 1.x/2.x checkpoint ships.
    public static let standard = VAEConfig(blockOutChannels: [128, 256, 512, 512], layersPerBlock: 2)
}
